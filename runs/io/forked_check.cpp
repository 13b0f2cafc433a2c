// A check in a forked child process (runs/io/forked_check.hpp).
#include "runs/io/forked_check.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>

#ifdef HEBBMC_HAVE_MPI
#include <mpi.h>
#endif

namespace hebbmc::runs {

namespace {

// `crashed` with its "%s" replaced by how the child ended.
std::string crash_message(int status, const std::string& crashed) {
  const std::string how = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status)) + ", " +
                                                    strsignal(WTERMSIG(status))
                                              : "exit code " + std::to_string(WEXITSTATUS(status));
  std::string message = crashed;
  if (const auto at = message.find("%s"); at != std::string::npos) message.replace(at, 2, how);
  return message;
}

// Writes all of `message` to `fd` (the child's only output).
void write_all(int fd, const std::string& message) {
  const char* data = message.data();
  for (std::size_t left = message.size(); left > 0;) {
    const ssize_t n = write(fd, data, left);
    if (n <= 0) break;
    data += n, left -= static_cast<std::size_t>(n);
  }
}

// Everything that can be read from `fd` until its end.
std::string read_all(int fd) {
  std::string message;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) != 0;) {
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) break;
    message.append(buffer, static_cast<std::size_t>(n));
  }
  return message;
}

}  // namespace

std::optional<std::string> run_in_child(const std::function<std::string()>& check, unsigned seconds,
                                        const std::string& hung, const std::string& crashed) {
#ifdef HEBBMC_HAVE_MPI
  int mpi = 0;
  if (MPI_Initialized(&mpi) == MPI_SUCCESS && mpi) return std::nullopt;
#endif
  int fds[2];
  if (pipe(fds) != 0) return std::nullopt;
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return std::nullopt;
  }
  if (pid == 0) {  // child: its only output is the pipe; _exit never closes (or writes) open files
    close(fds[0]);
    if (const int null = open("/dev/null", O_WRONLY); null >= 0) dup2(null, STDERR_FILENO);
    alarm(seconds);
    const std::string message = check();
    write_all(fds[1], message);
    _exit(message.empty() ? 0 : 2);
  }
  close(fds[1]);
  const std::string message = read_all(fds[0]);
  close(fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return "";
  if (WIFEXITED(status) && WEXITSTATUS(status) == 2 && !message.empty()) return message;
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM) return hung;
  return crash_message(status, crashed);
}

}  // namespace hebbmc::runs
