/* The Linux surface real programs touch, checked from inside: every line is a fact that holds on Linux. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

static int contains(const char *path, const char *needle) {
  FILE *f = fopen(path, "r");
  if (!f) return 0;
  static char buf[1 << 16];
  size_t n = fread(buf, 1, sizeof buf - 1, f);
  buf[n] = 0;
  fclose(f);
  return strstr(buf, needle) != NULL;
}

#define CHECK(what, cond) printf("%-44s %s\n", what, (cond) ? "ok" : "FAILED")

int main(void) {
  const char *tmp = getenv("TMPDIR");
  char dir[512];
  snprintf(dir, sizeof dir, "%s/rvemu-sys-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (!mkdtemp(dir)) { perror("mkdtemp"); return 1; }
  char path[600];

  CHECK("/proc/cpuinfo names the ISA", contains("/proc/cpuinfo", "rv64"));
  CHECK("/proc/self/maps lists libc", contains("/proc/self/maps", "libc.so.6"));
  CHECK("/proc/meminfo has MemTotal", contains("/proc/meminfo", "MemTotal:"));
  char exe[512];
  ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
  exe[n > 0 ? n : 0] = 0;
  CHECK("/proc/self/exe is absolute and names us", n > 0 && exe[0] == '/' && strstr(exe, "dyn_sys"));
  long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
  CHECK("online CPUs >= 1", ncpu >= 1);

  int fd = open("/dev/urandom", O_RDONLY);
  unsigned char rnd[16] = {0};
  CHECK("/dev/urandom reads", fd >= 0 && read(fd, rnd, 16) == 16);
  close(fd);

  int p[2];
  CHECK("pipe", pipe(p) == 0);
  struct pollfd pf[2] = {{.fd = p[0], .events = POLLIN}, {.fd = p[1], .events = POLLOUT}};
  CHECK("poll: empty pipe not readable, writable", poll(pf, 2, 0) == 1 && !(pf[0].revents & POLLIN) && (pf[1].revents & POLLOUT));
  CHECK("write to pipe", write(p[1], "xyz", 3) == 3);
  pf[0].revents = pf[1].revents = 0;
  CHECK("poll: pipe with data readable", poll(pf, 1, 1000) == 1 && (pf[0].revents & POLLIN));
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  struct timeval tv = {0, 0};
  CHECK("select: pipe with data readable", select(p[0] + 1, &rs, NULL, NULL, &tv) == 1 && FD_ISSET(p[0], &rs));
  close(p[1]);
  char b3[8];
  CHECK("read pipe", read(p[0], b3, 8) == 3);
  pf[0].revents = 0;
  CHECK("poll: closed writer gives POLLHUP", poll(pf, 1, 0) == 1 && (pf[0].revents & POLLHUP));
  close(p[0]);

  snprintf(path, sizeof path, "%s/file.txt", dir);
  mode_t old = umask(077);
  fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0666);
  struct stat st;
  CHECK("umask applies to new files", fd >= 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0600);
  umask(old);
  CHECK("fchmod", fchmod(fd, 0640) == 0 && fstat(fd, &st) == 0 && (st.st_mode & 0777) == 0640);
  CHECK("ftruncate grows", ftruncate(fd, 8192) == 0 && fstat(fd, &st) == 0 && st.st_size == 8192);
  CHECK("fsync, fdatasync", fsync(fd) == 0 && fdatasync(fd) == 0);
  CHECK("posix_fadvise", posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL) == 0);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
  CHECK("fcntl F_SETLK write lock", fcntl(fd, F_SETLK, &fl) == 0);
  fl.l_type = F_WRLCK;
  CHECK("fcntl F_GETLK: own lock does not conflict", fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type == F_UNLCK);
  fl.l_type = F_UNLCK;
  CHECK("fcntl unlock", fcntl(fd, F_SETLK, &fl) == 0);
  CHECK("flock exclusive, unlock", flock(fd, LOCK_EX | LOCK_NB) == 0 && flock(fd, LOCK_UN) == 0);
  int fd2 = open(path, O_RDWR);
  struct flock ofd = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
  CHECK("OFD lock on one description", fcntl(fd, F_OFD_SETLK, &ofd) == 0);
  ofd.l_type = F_WRLCK;
  CHECK("OFD lock conflicts with another description", fcntl(fd2, F_OFD_SETLK, &ofd) == -1 && (errno == EAGAIN || errno == EACCES));
  ofd.l_type = F_WRLCK; ofd.l_pid = 0;
  CHECK("F_OFD_GETLK reports the conflict", fcntl(fd2, F_OFD_GETLK, &ofd) == 0 && ofd.l_type == F_WRLCK);
  CHECK("flock conflicts across descriptions", flock(fd, LOCK_EX | LOCK_NB) == 0 && flock(fd2, LOCK_EX | LOCK_NB) == -1 && errno == EWOULDBLOCK);
  close(fd2);

  /* MAP_SHARED coherent with pwrite/pread, as SQLite's WAL index uses it */
  char *m = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  CHECK("mmap MAP_SHARED", m != MAP_FAILED);
  strcpy(m + 4096, "via-mapping");
  char rb[16] = {0};
  CHECK("pread sees stores to the mapping", pread(fd, rb, 11, 4096) == 11 && strcmp(rb, "via-mapping") == 0);
  CHECK("pwrite shows in the mapping", pwrite(fd, "via-pwrite", 10, 100) == 10 && memcmp(m + 100, "via-pwrite", 10) == 0);
  char *m2 = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
  CHECK("a second mapping sees the first", m2 != MAP_FAILED && strcmp(m2, "via-mapping") == 0);
  CHECK("msync", msync(m, 8192, MS_SYNC) == 0);
  munmap(m, 8192);
  munmap(m2, 4096);
  close(fd);
  fd = open(path, O_RDONLY);
  memset(rb, 0, sizeof rb);
  CHECK("the file holds the mapping's bytes after munmap", pread(fd, rb, 11, 4096) == 11 && strcmp(rb, "via-mapping") == 0);
  close(fd);

  struct timespec ts[2] = {{.tv_sec = 1000000000, .tv_nsec = 0}, {.tv_sec = 1200000000, .tv_nsec = 0}};
  CHECK("utimensat sets times", utimensat(AT_FDCWD, path, ts, 0) == 0 && stat(path, &st) == 0 && st.st_mtime == 1200000000 && st.st_atime == 1000000000);
  ts[0].tv_nsec = UTIME_OMIT; ts[1].tv_nsec = UTIME_NOW;
  CHECK("utimensat UTIME_OMIT keeps atime", utimensat(AT_FDCWD, path, ts, 0) == 0 && stat(path, &st) == 0 && st.st_atime == 1000000000);
  snprintf(path, sizeof path, "%s/link.txt", dir);
  char path0[600];
  snprintf(path0, sizeof path0, "%s/file.txt", dir);
  CHECK("link", link(path0, path) == 0 && stat(path, &st) == 0 && st.st_nlink == 2);

  struct statfs sf;
  CHECK("statfs", statfs(dir, &sf) == 0 && sf.f_bsize > 0 && sf.f_blocks > 0);
  DIR *d = opendir(dir);
  int entries = 0;
  for (struct dirent *e; d && (e = readdir(d));) entries++;
  if (d) closedir(d);
  CHECK("readdir sees . .. and two names", entries == 4);
  unlink(path);
  unlink(path0);
  CHECK("rmdir", rmdir(dir) == 0);

  struct rusage ru;
  CHECK("getrusage", getrusage(RUSAGE_SELF, &ru) == 0);
  struct tms t;
  CHECK("times", times(&t) != (clock_t)-1);
  CHECK("prctl PR_SET_NAME/PR_GET_NAME", prctl(PR_SET_NAME, "worker") == 0);
  char name[17] = {0};
  prctl(PR_GET_NAME, name);
  CHECK("prctl name read back", strcmp(name, "worker") == 0);
  int s = socket(AF_INET, SOCK_STREAM, 0);
  CHECK("socket fails cleanly or works", s >= 0 || errno == EACCES || errno == ENOSYS || errno == EAFNOSUPPORT);
  if (s >= 0) close(s);
  printf("done\n");
  return 0;
}
