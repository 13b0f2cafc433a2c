// One writer per output file (runs/io/output_lock.hpp).
#include "runs/io/output_lock.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <mutex>

namespace hebbmc::runs {

namespace {

// The locks this process holds, by lock-file path; released (file removed, then closed) when the
// process exits normally. Removing before closing is safe because a taker checks that the file
// it locked is still the one at the path.
class HeldLocks {
 public:
  ~HeldLocks() {
    for (const auto& [path, fd] : held_) {
      ::unlink(path.c_str());
      ::close(fd);
    }
  }
  bool holds(const std::string& path) {
    std::lock_guard lock(mutex_);
    return held_.count(path) > 0;
  }
  void add(const std::string& path, int fd) {
    std::lock_guard lock(mutex_);
    held_[path] = fd;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, int> held_;
};

HeldLocks& held_locks() {
  static HeldLocks locks;
  return locks;
}

// The text of a lock file: who wrote it ("pid 123 on host h since 2026-01-01T00:00:00Z").
std::string read_holder(int fd) {
  char buf[512];
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string text(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\0')) text.pop_back();
  return text;
}

std::string this_process() {
  char host[256] = "?";
  ::gethostname(host, sizeof host - 1);
  host[sizeof host - 1] = '\0';
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  return "pid " + std::to_string(::getpid()) + " on host " + host + " since " + when;
}

// True if `fd` is still the file at `path` (another process may have removed or replaced it
// between our open and our lock; then the lock protects nothing and must be taken again).
bool still_at(int fd, const std::string& path) {
  struct stat a {}, b {};
  return ::fstat(fd, &a) == 0 && ::stat(path.c_str(), &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

}  // namespace

void lock_output(const std::string& output) {
  std::error_code ec;
  const std::string path = std::filesystem::weakly_canonical(std::filesystem::absolute(output + std::string(lock_suffix), ec), ec).string();
  const std::string shown = output + std::string(lock_suffix);
  if (ec || held_locks().holds(path)) return;
  for (int attempt = 0; attempt < 10; ++attempt) {
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd < 0) return;  // no lock possible here; opening the output reports why
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
      const int err = errno;
      const std::string holder = read_holder(fd);
      ::close(fd);
      if (err == EWOULDBLOCK)
        throw OutputBusy(output, 0, "",
                         "is being written by another hebbmc (" + (holder.empty() ? "process unknown" : holder) +
                             "); refusing to write it too, also with --force: wait for that process to end or stop "
                             "it (lock file " + shown + ")");
      return;  // a file system without locks: go on unprotected, as before
    }
    if (!still_at(fd, path)) {
      ::close(fd);
      continue;
    }
    if (const std::string stale = read_holder(fd); !stale.empty())
      std::fprintf(stderr, "hebbmc: note: taking over %s, left by %s, which is no longer running\n", shown.c_str(),
                   stale.c_str());
    const std::string me = this_process() + "\n";
    // The holder's name is for messages only: a disk too full to take it does not stop the run.
    if (::ftruncate(fd, 0) == 0) (void)!::pwrite(fd, me.data(), me.size(), 0);
    held_locks().add(path, fd);
    return;
  }
}

}  // namespace hebbmc::runs
