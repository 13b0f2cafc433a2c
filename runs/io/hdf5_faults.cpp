// Faults under the HDF5 wrapper (runs/io/hdf5_faults.hpp).
#include "runs/io/hdf5_faults.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <vector>

#include "runs/io/hdf5_file.hpp"

namespace hebbmc::runs::h5 {

namespace {

std::atomic<bool> a_close_failed{false};

// The cause of a failed HDF5 call: the most specific description on its error stack (e.g.
// "truncated file: eof = ..."), and the errno of a failed system call below it. The stack is
// recorded even with automatic printing off; read it right after the failed call.
struct Reason {
  std::string text;  // " (HDF5: ...)", or "" if the stack is empty
  int system_errno = 0;
};

Reason hdf5_reason() {
  std::string desc;
  auto innermost = [](unsigned n, const H5E_error2_t* e, void* out) -> herr_t {
    if (n == 0 && e->desc && *e->desc) *static_cast<std::string*>(out) = e->desc;
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &desc);
  H5Eclear2(H5E_DEFAULT);
  Reason r;
  // A failed read or write reads "file write failed: time = ..., errno = 28, error message = ...,
  // buf = ...": keep the operation and say the cause in words.
  if (const auto at = desc.find("errno = "); at != std::string::npos) {
    r.system_errno = std::atoi(desc.c_str() + at + 8);
    desc = desc.substr(0, std::min(desc.find(": time = "), desc.find(", "))) + ": " + std::strerror(r.system_errno);
  }
  if (!desc.empty()) r.text = " (HDF5: " + desc + ")";
  return r;
}

std::atomic<bool> a_fault_at_close{false};

// True if `fd` is one of the memory files detach_from_disk made.
bool detached(int fd) {
  char link[64], target[64] = "";
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = ::readlink(link, target, sizeof target - 1);
  return n > 0 && std::strncmp(target, "/memfd:hebbmc-detached-output", 29) == 0;
}

// Gives the file on `fd` at least the length its superblock records. A flush writes the
// superblock (with the end-of-file address) among its other writes; a write of the same flush
// that fails afterwards leaves the file shorter than that address, and HDF5 then refuses to open
// it at all ("truncated file"), its complete points included. The missing bytes belong to what
// that flush was writing, not to the complete points, so a hole of zeros in their place leaves
// the file readable (tests/faults/test_write_faults.sh --full). Superblock versions 2 and 3 with
// 8-byte addresses: the end-of-file address is at byte 28.
void extend_to_recorded_end(int fd) {
  unsigned char head[36] = {};
  if (::pread(fd, head, sizeof head, 0) != static_cast<ssize_t>(sizeof head)) return;
  if (std::memcmp(head, "\x89HDF\r\n\x1a\n", 8) != 0 || head[8] < 2 || head[9] != 8) return;
  std::uint64_t eof = 0;
  for (int i = 7; i >= 0; --i) eof = (eof << 8) | head[28 + i];
  struct stat st {};
  if (::fstat(fd, &st) != 0 || static_cast<std::uint64_t>(st.st_size) >= eof || eof > (std::uint64_t{1} << 50)) return;
  if (::ftruncate(fd, static_cast<off_t>(eof)) == 0) return;
  // ftruncate refused (it was the failing call): one zero byte at the last address, in the hole.
  const char zero = 0;
  if (::pwrite(fd, &zero, 1, static_cast<off_t>(eof - 1)) != 1) errno = 0;  // best effort
}

// Points the descriptor of an output written through the sec2 driver at an anonymous memory
// file, once: from then on HDF5 writes to memory and its later flushes and closes succeed,
// while the disk keeps what the last good write left.
void detach_from_disk(hid_t file) {
  const hid_t fapl = H5Fget_access_plist(file);
  const bool sec2 = fapl >= 0 && H5Pget_driver(fapl) == H5FD_SEC2;
  if (fapl >= 0) H5Pclose(fapl);
  void* handle = nullptr;
  if (sec2 && H5Fget_vfd_handle(file, H5P_DEFAULT, &handle) >= 0 && handle) {
    const int fd = *static_cast<int*>(handle);
    if (detached(fd)) return;
    extend_to_recorded_end(fd);
    const int memory = memfd_create("hebbmc-detached-output", MFD_CLOEXEC);
    if (memory >= 0) {
      ::dup2(memory, fd);
      ::close(memory);
    }
  }
  H5Eclear2(H5E_DEFAULT);
}

// After a write fault the state of a file's unwritten metadata is unknown, and HDF5 would retry
// writing it whenever an object is closed during the unwinding, fail again, and leave
// half-destroyed objects that its exit handler touches (a crash). So at the first fault every
// file open for writing is detached from the disk (detach_from_disk): the unwinding and the
// closes then succeed, and the disk keeps every point flushed and marked complete before.
// The first fault: what failed, and its errno (later writes to a detached file are refused with it).
std::mutex fault_mutex;
std::string first_fault;
int first_errno = 0;
std::atomic<bool> a_detached{false};

// Detaches every file open for writing; returns their names ("a, b") for messages.
std::string detach_written_files(const std::string& what, int system_errno) {
  {
    std::lock_guard lock(fault_mutex);
    if (first_fault.empty()) {
      first_fault = what;
      first_errno = system_errno;
    }
  }
  a_detached = true;
  std::string names;
  const ssize_t n = H5Fget_obj_count(H5F_OBJ_ALL, H5F_OBJ_FILE);
  std::vector<hid_t> ids(static_cast<std::size_t>(std::max<ssize_t>(n, 0)));
  if (n > 0 && H5Fget_obj_ids(H5F_OBJ_ALL, H5F_OBJ_FILE, ids.size(), ids.data()) >= 0)
    for (const hid_t id : ids) {
      unsigned intent = 0;
      if (H5Fget_intent(id, &intent) < 0 || !(intent & H5F_ACC_RDWR)) continue;
      char name[1024] = "";
      if (H5Fget_name(id, name, sizeof name) > 0) names += (names.empty() ? "" : ", ") + std::string(name);
      detach_from_disk(id);
    }
  H5Eclear2(H5E_DEFAULT);
  return names.empty() ? "an HDF5 file" : names;
}

}  // namespace

[[noreturn]] void fail(const std::string& what) {
  const Reason r = hdf5_reason();
  H5Error error(what + r.text, r.system_errno);
  if (error.machine_fault()) detach_written_files(error.what(), error.system_errno);
  throw error;
}

void refuse_if_detached(const std::string& file) {
  if (!a_detached) return;
  std::lock_guard lock(fault_mutex);
  throw H5Error("cannot write " + file + " after an earlier fault: " + first_fault, first_errno);
}

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) fail(what);
  return id;
}
void check(herr_t status, const std::string& what) {
  if (status < 0) fail(what);
}

// Closes an object. A failure is reported here, since no caller is left to catch it, and
// remembered: the object may be half destroyed, so it is not touched again.
void close_id(hid_t id, herr_t (*close)(hid_t)) {
  if (close(id) >= 0) return;
  const Reason r = hdf5_reason();
  const std::string what = "cannot close an HDF5 object" + r.text;
  const std::string files = detach_written_files(what, r.system_errno ? r.system_errno : EIO);
  std::fprintf(stderr, "hebbmc: failed: cannot close an HDF5 object of %s%s\n", files.c_str(), r.text.c_str());
  a_close_failed = true;
}

// Closes a file. Its last flush is made and checked first: a fault there is reported (and the
// file detached from the disk) while the file is still whole, so that the close succeeds.
herr_t close_file(hid_t id) {
  char name[1024] = "an HDF5 file";
  if (H5Fget_name(id, name, sizeof name) < 0) H5Eclear2(H5E_DEFAULT);
  const bool reported = a_detached;  // the fault that detached the file has been reported
  if (H5Fflush(id, H5F_SCOPE_LOCAL) < 0 && !reported) {
    const Reason r = hdf5_reason();
    std::fprintf(stderr, "hebbmc: failed: cannot flush %s%s\n", name, r.text.c_str());
    a_fault_at_close = true;
    detach_written_files(std::string("cannot flush ") + name + r.text, r.system_errno ? r.system_errno : EIO);
  }
  if (H5Fclose(id) < 0) {  // e.g. close(2) reported a lost write; the file is half closed: leave it
    std::fprintf(stderr, "hebbmc: failed: cannot close %s%s\n", name, hdf5_reason().text.c_str());
    a_close_failed = true;
  }
  return 0;
}

bool H5Error::machine_fault() const {
  switch (system_errno) {
    case ENOSPC: case EDQUOT: case EIO: case EFBIG: case ENOMEM: case ESTALE: case ENOLCK: case ETIMEDOUT:
      return true;
    default:
      return false;
  }
}

bool close_failed() { return a_close_failed; }

bool fault_at_close() { return a_fault_at_close || a_close_failed; }

}  // namespace hebbmc::runs::h5
