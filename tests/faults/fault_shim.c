/* Fault injection for the tests (tests/faults/README.md): an LD_PRELOAD library that makes the
 * n-th call of one kind (write, pwrite, fsync, rename, ftruncate, close) on files under a chosen
 * path fail with a chosen errno, as a full disk, a full quota or a failing device would.
 *
 * Environment:
 *   FAULT_PATH   only calls on files whose path contains this text count (required; the
 *                terminal, pipes and the parameter file are then never touched)
 *   FAULT_EXCLUDE  calls on files whose path contains this text never count (e.g. ".lock")
 *   FAULT_CALL   write | pwrite | fsync | rename | ftruncate | close; unset: count only
 *   FAULT_N      the 1-based index of the call of that kind that fails
 *   FAULT_ERRNO  ENOSPC | EDQUOT | EIO (default ENOSPC)
 *   FAULT_STICKY 1: every later call of that kind fails too (a disk that stays full)
 *   FAULT_LOG    file to which the library appends what it injected and, at exit, the number
 *                of calls of each kind ("count write 12")
 * write covers write and writev; pwrite covers pwrite, pwrite64 and pwritev; fsync covers fsync
 * and fdatasync; rename covers rename and renameat. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

enum kind { K_WRITE, K_PWRITE, K_FSYNC, K_RENAME, K_FTRUNCATE, K_CLOSE, K_COUNT };
static const char *const kind_names[K_COUNT] = {"write", "pwrite", "fsync", "rename", "ftruncate", "close"};
static long counts[K_COUNT];

/* Configuration, read once. */
static int configured;
static const char *fault_path;
static const char *fault_exclude;
static int fault_kind = -1;
static long fault_n;
static int fault_errno = ENOSPC;
static int fault_sticky;
static const char *fault_log;

static void configure(void) {
  if (__atomic_load_n(&configured, __ATOMIC_ACQUIRE)) return;
  fault_path = getenv("FAULT_PATH");
  fault_exclude = getenv("FAULT_EXCLUDE");
  const char *call = getenv("FAULT_CALL");
  for (int k = 0; call && k < K_COUNT; ++k)
    if (strcmp(call, kind_names[k]) == 0) fault_kind = k;
  const char *n = getenv("FAULT_N");
  fault_n = n ? atol(n) : 0;
  const char *e = getenv("FAULT_ERRNO");
  if (e && strcmp(e, "EIO") == 0) fault_errno = EIO;
  else if (e && strcmp(e, "EDQUOT") == 0) fault_errno = EDQUOT;
  const char *s = getenv("FAULT_STICKY");
  fault_sticky = s && strcmp(s, "1") == 0;
  fault_log = getenv("FAULT_LOG");
  __atomic_store_n(&configured, 1, __ATOMIC_RELEASE);
}

/* The real functions, looked up lazily (the library may be called before its constructor). */
#define REAL(name) \
  static __typeof__(&name) real_##name; \
  if (!real_##name) *(void **)&real_##name = dlsym(RTLD_NEXT, #name) /* POSIX's way round C's rule */

/* Appends one line to FAULT_LOG with the real write (never counted). */
static void log_line(const char *text) {
  if (!fault_log) return;
  REAL(open);
  REAL(write);
  REAL(close);
  const int fd = real_open(fault_log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (fd < 0) return;
  (void)real_write(fd, text, strlen(text));
  (void)real_close(fd);
}

static int path_matches(const char *path) {
  if (!fault_path || !path) return 0;
  if (fault_exclude && *fault_exclude && strstr(path, fault_exclude)) return 0;
  if (path[0] == '/') return strstr(path, fault_path) != NULL;
  char full[PATH_MAX * 2], cwd[PATH_MAX];
  const int saved = errno;
  const char *dir = getcwd(cwd, sizeof cwd);
  errno = saved;
  snprintf(full, sizeof full, "%s/%s", dir ? dir : "", path);
  return strstr(full, fault_path) != NULL;
}

static int fd_matches(int fd) {
  if (!fault_path || fd < 0) return 0;
  char link[64], target[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const int saved = errno;
  const ssize_t n = readlink(link, target, sizeof target - 1);
  errno = saved;
  if (n <= 0) return 0;
  target[n] = '\0';
  return path_matches(target);
}

/* Counts a matching call; returns nonzero (errno set) if this call is to fail. */
static int inject(int kind, const char *what) {
  configure();
  const long i = __atomic_add_fetch(&counts[kind], 1, __ATOMIC_SEQ_CST);
  if (kind != fault_kind || fault_n <= 0 || !(i == fault_n || (fault_sticky && i > fault_n))) return 0;
  char line[PATH_MAX + 128];
  snprintf(line, sizeof line, "injected %s #%ld %s on %s\n", kind_names[kind], i, strerror(fault_errno), what);
  log_line(line);
  errno = fault_errno;
  return 1;
}

static const char *fd_name(int fd, char *buf, size_t size) {
  char link[64];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  const ssize_t n = readlink(link, buf, size - 1);
  buf[n > 0 ? n : 0] = '\0';
  return buf;
}

#define FD_FAULT(kind, fd)                                      \
  do {                                                          \
    configure();                                                \
    if (fd_matches(fd)) {                                       \
      char name_[PATH_MAX];                                     \
      if (inject(kind, fd_name(fd, name_, sizeof name_))) return -1; \
    }                                                           \
  } while (0)

ssize_t write(int fd, const void *buf, size_t n) {
  REAL(write);
  FD_FAULT(K_WRITE, fd);
  return real_write(fd, buf, n);
}

ssize_t writev(int fd, const struct iovec *iov, int n) {
  REAL(writev);
  FD_FAULT(K_WRITE, fd);
  return real_writev(fd, iov, n);
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t offset) {
  REAL(pwrite);
  FD_FAULT(K_PWRITE, fd);
  return real_pwrite(fd, buf, n, offset);
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off64_t offset) {
  REAL(pwrite64);
  FD_FAULT(K_PWRITE, fd);
  return real_pwrite64(fd, buf, n, offset);
}

ssize_t pwritev(int fd, const struct iovec *iov, int n, off_t offset) {
  REAL(pwritev);
  FD_FAULT(K_PWRITE, fd);
  return real_pwritev(fd, iov, n, offset);
}

int fsync(int fd) {
  REAL(fsync);
  FD_FAULT(K_FSYNC, fd);
  return real_fsync(fd);
}

int fdatasync(int fd) {
  REAL(fdatasync);
  FD_FAULT(K_FSYNC, fd);
  return real_fdatasync(fd);
}

int ftruncate(int fd, off_t length) {
  REAL(ftruncate);
  FD_FAULT(K_FTRUNCATE, fd);
  return real_ftruncate(fd, length);
}

int ftruncate64(int fd, off64_t length) {
  REAL(ftruncate64);
  FD_FAULT(K_FTRUNCATE, fd);
  return real_ftruncate64(fd, length);
}

int close(int fd) {
  REAL(close);
  configure();
  if (fd_matches(fd)) {
    char name[PATH_MAX];
    if (inject(K_CLOSE, fd_name(fd, name, sizeof name))) {
      real_close(fd); /* as on NFS: the descriptor is gone, the error reports a lost write */
      errno = fault_errno;
      return -1;
    }
  }
  return real_close(fd);
}

int rename(const char *from, const char *to) {
  REAL(rename);
  configure();
  if ((path_matches(from) || path_matches(to)) && inject(K_RENAME, to)) return -1;
  return real_rename(from, to);
}

int renameat(int dirfd, const char *from, int newdirfd, const char *to) {
  REAL(renameat);
  configure();
  if ((path_matches(from) || path_matches(to)) && inject(K_RENAME, to)) return -1;
  return real_renameat(dirfd, from, newdirfd, to);
}

/* At exit: the number of matching calls of each kind, for the sweep's counting run. */
__attribute__((destructor)) static void report_counts(void) {
  configure();
  char line[64];
  for (int k = 0; k < K_COUNT; ++k) {
    snprintf(line, sizeof line, "count %s %ld\n", kind_names[k], __atomic_load_n(&counts[k], __ATOMIC_SEQ_CST));
    log_line(line);
  }
}
