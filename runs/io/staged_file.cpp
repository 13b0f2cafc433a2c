// Writing a file under a temporary name and moving it into place (runs/io/staged_file.hpp).
#include "runs/io/staged_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

#include "runs/input/output_name.hpp"

namespace hebbmc::runs {

namespace {

// fsync of a file or directory, then close (which may report a write error of its own, as on
// NFS): true on success, errno set otherwise.
bool sync_path(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return false;
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    errno = err;
    return false;
  }
  return ::close(fd) == 0;
}

}  // namespace

StagedFile::StagedFile(std::string output) : output_(std::move(output)), staged_(output_ + std::string(staged_suffix)) {}

StagedFile::~StagedFile() {
  if (!committed_) ::unlink(staged_.c_str());
}

void StagedFile::commit() {
  if (!sync_path(staged_, O_RDONLY))
    throw std::runtime_error("cannot write " + staged_ + " to disk: " + std::strerror(errno));
  if (std::rename(staged_.c_str(), output_.c_str()) != 0)
    throw std::runtime_error("cannot rename " + staged_ + " to " + output_ + ": " + std::strerror(errno));
  committed_ = true;
  // The rename itself reaches the disk with the directory; a failure here loses nothing written.
  const std::filesystem::path directory = std::filesystem::absolute(output_).parent_path();
  (void)sync_path(directory.string(), O_RDONLY | O_DIRECTORY);
}

}  // namespace hebbmc::runs
