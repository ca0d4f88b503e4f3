/* File-system syscalls inside a scratch directory. The directory is argv[1] if
   given, else $TMPDIR. It should be empty; everything created is removed again.
   Output avoids anything host-dependent (inodes, times, absolute paths). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

static char base[1024];
static const char *P(const char *rel) {
  static char buf[4][2400];
  static int k;
  k = (k + 1) & 3;
  snprintf(buf[k], sizeof buf[k], "%s/%s", base, rel);
  return buf[k];
}
#define CHK(expr) do { if ((expr) < 0) { printf("%s failed: %s\n", #expr, strerror(errno)); return 1; } } while (0)

static int cmpstr(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list_dir(const char *rel) {
  DIR *d = opendir(P(rel));
  if (!d) { printf("opendir %s: %s\n", rel, strerror(errno)); return; }
  char *names[64]; int n = 0; struct dirent *e;
  while ((e = readdir(d)) && n < 64) {
    unsigned char dt = e->d_type;
    if (dt == DT_UNKNOWN) { /* some file systems do not fill d_type */
      char full[1200]; struct stat st;
      snprintf(full, sizeof full, "%s/%s", rel, e->d_name);
      if (lstat(P(full), &st) == 0) dt = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG : DT_LNK;
    }
    char t = dt == DT_DIR ? 'd' : dt == DT_REG ? 'f' : dt == DT_LNK ? 'l' : 'o';
    names[n] = malloc(strlen(e->d_name) + 3);
    sprintf(names[n], "%c:%s", t, e->d_name);
    n++;
  }
  closedir(d);
  qsort(names, n, sizeof names[0], cmpstr);
  printf("ls %s:", rel);
  for (int i = 0; i < n; i++) { printf(" %s", names[i]); free(names[i]); }
  printf("\n");
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : getenv("TMPDIR");
  if (!dir || !*dir) { printf("no directory given (argv[1] or TMPDIR)\n"); return 2; }
  snprintf(base, sizeof base, "%s", dir);
  umask(022); /* make created modes independent of the caller's umask */

  /* create + write */
  int fd = open(P("a.txt"), O_CREAT | O_EXCL | O_WRONLY | O_TRUNC, 0644);
  CHK(fd);
  const char *msg = "hello file\nsecond line\n";
  ssize_t w = write(fd, msg, strlen(msg));
  printf("write -> %zd\n", w);
  struct iovec iov[2] = {{"iov-one ", 8}, {"iov-two\n", 8}};
  printf("writev -> %zd\n", writev(fd, iov, 2));
  CHK(close(fd));
  fd = open(P("a.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644);
  printf("O_EXCL on existing: %d %s\n", fd, fd < 0 ? strerror(errno) : "?");

  /* read back, lseek */
  fd = open(P("a.txt"), O_RDWR);
  CHK(fd);
  char buf[128] = {0};
  ssize_t r = read(fd, buf, sizeof buf - 1);
  printf("read %zd: [%.*s]\n", r, (int)r, buf);
  printf("read at EOF -> %zd\n", read(fd, buf, 10));
  printf("lseek SEEK_SET 6 -> %ld\n", (long)lseek(fd, 6, SEEK_SET));
  r = read(fd, buf, 4);
  printf("read 4: [%.*s]\n", (int)r, buf);
  printf("lseek SEEK_CUR -2 -> %ld\n", (long)lseek(fd, -2, SEEK_CUR));
  printf("lseek SEEK_END 0 -> %ld\n", (long)lseek(fd, 0, SEEK_END));
  printf("lseek SEEK_END +10 -> %ld\n", (long)lseek(fd, 10, SEEK_END));
  printf("write past end -> %zd\n", write(fd, "Z", 1));
  printf("pwrite -> %zd\n", pwrite(fd, "HELLO", 5, 0));
  memset(buf, 0, sizeof buf);
  r = pread(fd, buf, sizeof buf - 1, 0);
  printf("pread %zd:", r);
  for (ssize_t i = 0; i < r; i++) printf(buf[i] >= 32 && buf[i] < 127 ? "%c" : "\\x%02x", (unsigned char)buf[i]);
  printf("\n");
  struct stat st;
  CHK(fstat(fd, &st));
  printf("fstat: size=%lld reg=%d mode=%o nlink=%ld\n", (long long)st.st_size, S_ISREG(st.st_mode),
         (unsigned)(st.st_mode & 0777), (long)st.st_nlink);
  CHK(ftruncate(fd, 7));
  CHK(fstat(fd, &st));
  printf("after ftruncate: size=%lld\n", (long long)st.st_size);
  int fd2 = dup(fd);
  printf("dup ok=%d, lseek via dup -> %ld\n", fd2 > fd, (long)lseek(fd2, 0, SEEK_CUR));
  close(fd2);
  CHK(close(fd));

  /* stdio on the same file */
  FILE *f = fopen(P("b.txt"), "w+");
  if (!f) { printf("fopen failed\n"); return 1; }
  for (int i = 0; i < 1000; i++) fprintf(f, "line %04d %s\n", i, i % 3 ? "foo" : "barbaz");
  printf("ftell after writes: %ld\n", ftell(f));
  rewind(f);
  char line[64]; int lines = 0; long sum = 0;
  while (fgets(line, sizeof line, f)) { lines++; sum += (long)strlen(line) * lines; }
  printf("fgets lines=%d weighted=%ld\n", lines, sum);
  fseek(f, -12, SEEK_END);
  fgets(line, sizeof line, f);
  printf("tail: [%s]\n", strtok(line, "\n"));
  fclose(f);

  /* stat, mkdir, rename, readdir */
  CHK(stat(P("b.txt"), &st));
  printf("stat b.txt size=%lld\n", (long long)st.st_size);
  printf("stat missing: %d %s\n", stat(P("nope"), &st), strerror(errno));
  CHK(mkdir(P("sub"), 0755));
  printf("mkdir again: %d %s\n", mkdir(P("sub"), 0755), strerror(errno));
  CHK(stat(P("sub"), &st));
  printf("sub is dir: %d mode=%o\n", S_ISDIR(st.st_mode), (unsigned)(st.st_mode & 0777));
  CHK(rename(P("a.txt"), P("sub/renamed.txt")));
  CHK(mkdir(P("sub/deeper"), 0700));
  list_dir(".");
  list_dir("sub");
  CHK(access(P("sub/renamed.txt"), R_OK | W_OK));
  printf("access missing: %d\n", access(P("a.txt"), F_OK));
  CHK(symlink("sub/renamed.txt", P("link")));
  char lb[256]; ssize_t ll = readlink(P("link"), lb, sizeof lb);
  printf("readlink -> %.*s\n", (int)ll, lb);
  CHK(lstat(P("link"), &st));
  printf("lstat link: islnk=%d\n", S_ISLNK(st.st_mode));
  CHK(stat(P("link"), &st));
  printf("stat via link: size=%lld\n", (long long)st.st_size);
  /* openat/fstatat/unlinkat relative to a dir fd */
  int dfd = open(P("sub"), O_RDONLY | O_DIRECTORY);
  CHK(dfd);
  int fd3 = openat(dfd, "c.bin", O_CREAT | O_WRONLY, 0600);
  CHK(fd3);
  unsigned char bin[300];
  for (int i = 0; i < 300; i++) bin[i] = (unsigned char)i;
  printf("write bin -> %zd\n", write(fd3, bin, sizeof bin));
  close(fd3);
  CHK(fstatat(dfd, "c.bin", &st, 0));
  printf("fstatat c.bin size=%lld mode=%o\n", (long long)st.st_size, (unsigned)(st.st_mode & 0777));
  CHK(unlinkat(dfd, "c.bin", 0));
  close(dfd);

  /* getcwd/chdir */
  char cwd0[1024];
  if (!getcwd(cwd0, sizeof cwd0)) { printf("getcwd failed\n"); return 1; }
  CHK(chdir(P("sub")));
  fd = open("renamed.txt", O_RDONLY);
  CHK(fd);
  r = read(fd, buf, 5);
  printf("relative open after chdir: [%.*s]\n", (int)r, buf);
  close(fd);
  char cwd[1024];
  if (!getcwd(cwd, sizeof cwd)) { printf("getcwd failed\n"); return 1; }
  size_t bl = strlen(base);
  printf("getcwd ends with /sub: %d\n", strlen(cwd) >= 4 && strcmp(cwd + strlen(cwd) - 4, "/sub") == 0 && bl > 0);
  CHK(chdir(cwd0));

  /* cleanup: unlink, rmdir */
  printf("rmdir non-empty: %d %s\n", rmdir(P("sub")), strerror(errno));
  CHK(unlink(P("link")));
  CHK(unlink(P("sub/renamed.txt")));
  CHK(unlink(P("b.txt")));
  CHK(rmdir(P("sub/deeper")));
  CHK(rmdir(P("sub")));
  printf("unlink missing: %d %s\n", unlink(P("b.txt")), strerror(errno));
  list_dir(".");
  printf("done\n");
  return 0;
}
