// msh: a minimal shell for testing process support. Runs a script file (msh FILE) or a string
// (msh -c STRING), line by line. Supports:
//   words with '...' and "..." quoting, $? and $NAME expansion (not inside '...'), # comments;
//   pipelines a | b | c; lists with ;, && and ||; redirections < FILE, > FILE, >> FILE, 2> FILE;
//   builtins cd DIR, exit [N], echo ARGS...; other commands through fork + execve, searching $PATH
//   for names without a '/'. A command killed by signal S has status 128+S.
// The exit status is that of the last command (or exit's argument).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { MAX_TOKENS = 256, MAX_ARGS = 64, MAX_STAGES = 16 };
enum kind { WORD, PIPE, SEMI, AND, OR, IN, OUT, APPEND, ERR_OUT, END };

struct token { enum kind kind; char *text; };

static int last_status;

static void append(char **buf, size_t *len, size_t *cap, const char *s, size_t n) {
  if (*len + n + 1 > *cap) {
    *cap = (*len + n + 1) * 2;
    *buf = realloc(*buf, *cap);
  }
  memcpy(*buf + *len, s, n);
  *len += n;
  (*buf)[*len] = 0;
}

// $? or $NAME at *p (just after the '$'); advances *p.
static void expand(const char **p, char **buf, size_t *len, size_t *cap) {
  const char *s = *p;
  if (*s == '?') {
    char num[16];
    snprintf(num, sizeof num, "%d", last_status);
    append(buf, len, cap, num, strlen(num));
    *p = s + 1;
    return;
  }
  const char *e = s;
  while (*e == '_' || (*e >= 'A' && *e <= 'Z') || (*e >= 'a' && *e <= 'z') || (*e >= '0' && *e <= '9')) e++;
  if (e == s) { append(buf, len, cap, "$", 1); return; }
  char name[128];
  snprintf(name, sizeof name, "%.*s", (int)(e - s), s);
  const char *v = getenv(name);
  if (v) append(buf, len, cap, v, strlen(v));
  *p = e;
}

// The value of a word as written (quotes, $? and $NAME): expanded when its pipeline is about to run, so
// $? is the status of the previous pipeline on the same line. NULL on an unterminated quote.
static char *word_value(const char *p, const char *end) {
  char *buf = NULL;
  size_t len = 0, cap = 0;
  append(&buf, &len, &cap, "", 0);
  while (p < end) {
    if (*p == '\'') {
      const char *e = memchr(p + 1, '\'', (size_t)(end - p - 1));
      if (!e) return NULL;
      append(&buf, &len, &cap, p + 1, (size_t)(e - p - 1));
      p = e + 1;
    } else if (*p == '"') {
      p++;
      while (p < end && *p != '"') {
        if (*p == '$') { p++; expand(&p, &buf, &len, &cap); }
        else append(&buf, &len, &cap, p++, 1);
      }
      if (p == end) return NULL;
      p++;
    } else if (*p == '$') {
      p++;
      expand(&p, &buf, &len, &cap);
    } else {
      append(&buf, &len, &cap, p++, 1);
    }
  }
  return buf;
}

// Splits a line into tokens; a WORD's text is its raw source (see word_value). Returns the count, or -1
// on a syntax error.
static int tokenize(const char *p, struct token *t) {
  int n = 0;
  for (;;) {
    while (*p == ' ' || *p == '\t') p++;
    if (*p == 0 || *p == '\n' || *p == '#') break;
    if (n >= MAX_TOKENS - 1) return -1;
    if (p[0] == '|' && p[1] == '|') { t[n++].kind = OR; p += 2; continue; }
    if (p[0] == '&' && p[1] == '&') { t[n++].kind = AND; p += 2; continue; }
    if (p[0] == '>' && p[1] == '>') { t[n++].kind = APPEND; p += 2; continue; }
    if (p[0] == '2' && p[1] == '>') { t[n++].kind = ERR_OUT; p += 2; continue; }
    if (*p == '|') { t[n++].kind = PIPE; p++; continue; }
    if (*p == ';') { t[n++].kind = SEMI; p++; continue; }
    if (*p == '<') { t[n++].kind = IN; p++; continue; }
    if (*p == '>') { t[n++].kind = OUT; p++; continue; }
    const char *start = p;
    while (*p && !strchr(" \t\n|;&<>", *p)) {
      if (*p == '\'' || *p == '"') {
        const char *e = strchr(p + 1, *p);
        if (!e) return -1;
        p = e + 1;
      } else {
        p++;
      }
    }
    t[n].kind = WORD;
    t[n++].text = strndup(start, (size_t)(p - start));
  }
  t[n].kind = END;
  return n;
}

struct command { char *argv[MAX_ARGS]; int argc; char *in, *out, *err; int append; };

static int status_of(int st) { return WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : 1; }

static void exec_command(struct command *c) {
  if (strchr(c->argv[0], '/')) {
    execve(c->argv[0], c->argv, environ);
    fprintf(stderr, "msh: %s: %s\n", c->argv[0], strerror(errno));
    _exit(errno == ENOENT ? 127 : 126);
  }
  const char *path = getenv("PATH");
  if (!path) path = "/bin:/usr/bin";
  int denied = 0;
  while (*path) {
    const char *colon = strchr(path, ':');
    size_t dl = colon ? (size_t)(colon - path) : strlen(path);
    char full[4096];
    snprintf(full, sizeof full, "%.*s/%s", (int)dl, path, c->argv[0]);
    execve(full, c->argv, environ);
    if (errno == EACCES) denied = 1;
    path += dl + (colon ? 1 : 0);
  }
  fprintf(stderr, "msh: %s: %s\n", c->argv[0], denied ? "permission denied" : "not found");
  _exit(denied ? 126 : 127);
}

// Opens fd's redirection target onto fd; returns 0 or -1 (with a message).
static int redirect(const char *file, int flags, int fd) {
  if (!file) return 0;
  int f = open(file, flags, 0644);
  if (f < 0) { fprintf(stderr, "msh: %s: %s\n", file, strerror(errno)); return -1; }
  dup2(f, fd);
  close(f);
  return 0;
}

static int run_builtin(struct command *c, int in_child) {
  if (strcmp(c->argv[0], "echo") == 0) {
    for (int i = 1; i < c->argc; i++) printf("%s%s", c->argv[i], i + 1 < c->argc ? " " : "");
    printf("\n");
    fflush(stdout);
    return 0;
  }
  if (strcmp(c->argv[0], "cd") == 0) {
    const char *dir = c->argc > 1 ? c->argv[1] : getenv("HOME");
    if (!dir || chdir(dir) != 0) { fprintf(stderr, "msh: cd: %s: %s\n", dir ? dir : "", strerror(errno)); return 1; }
    return 0;
  }
  if (strcmp(c->argv[0], "exit") == 0) {
    int code = c->argc > 1 ? atoi(c->argv[1]) : last_status;
    fflush(stdout);
    if (in_child) _exit(code & 0xff);
    exit(code & 0xff);
  }
  return -1;
}

static int is_builtin(const char *name) { return !strcmp(name, "echo") || !strcmp(name, "cd") || !strcmp(name, "exit"); }

static int run_pipeline(struct command *cmds, int n) {
  // A lone builtin runs in the shell itself (cd and exit must), with its redirections undone afterwards.
  if (n == 1 && is_builtin(cmds[0].argv[0])) {
    int saved[3] = { dup(0), dup(1), dup(2) };
    int st = 1;
    if (redirect(cmds[0].in, O_RDONLY, 0) == 0 &&
        redirect(cmds[0].out, O_WRONLY | O_CREAT | (cmds[0].append ? O_APPEND : O_TRUNC), 1) == 0 &&
        redirect(cmds[0].err, O_WRONLY | O_CREAT | O_TRUNC, 2) == 0)
      st = run_builtin(&cmds[0], 0);
    fflush(stdout);
    for (int fd = 0; fd < 3; fd++) { dup2(saved[fd], fd); close(saved[fd]); }
    return st;
  }
  pid_t pids[MAX_STAGES];
  int prev_read = -1;
  for (int i = 0; i < n; i++) {
    int p[2] = { -1, -1 };
    if (i + 1 < n && pipe(p) != 0) { perror("msh: pipe"); return 1; }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) { perror("msh: fork"); return 1; }
    if (pid == 0) {
      if (prev_read >= 0) { dup2(prev_read, 0); close(prev_read); }
      if (p[1] >= 0) { dup2(p[1], 1); close(p[1]); close(p[0]); }
      struct command *c = &cmds[i];
      if (redirect(c->in, O_RDONLY, 0) || redirect(c->out, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC), 1) ||
          redirect(c->err, O_WRONLY | O_CREAT | O_TRUNC, 2))
        _exit(1);
      int st = run_builtin(c, 1);
      if (st >= 0) _exit(st);
      exec_command(c);
    }
    pids[i] = pid;
    if (prev_read >= 0) close(prev_read);
    if (p[1] >= 0) close(p[1]);
    prev_read = p[0];
  }
  int status = 0;
  for (int i = 0; i < n; i++) {
    int st;
    while (waitpid(pids[i], &st, 0) < 0)
      if (errno != EINTR) { st = 1 << 8; break; }
    if (i == n - 1) status = status_of(st);
  }
  return status;
}

// Parses one pipeline starting at t[*pos]; returns the number of commands, or -1.
static int parse_pipeline(struct token *t, int *pos, struct command *cmds) {
  int n = 0;
  for (;;) {
    if (n == MAX_STAGES) return -1;
    struct command *c = &cmds[n++];
    memset(c, 0, sizeof *c);
    while (t[*pos].kind == WORD || t[*pos].kind == IN || t[*pos].kind == OUT || t[*pos].kind == APPEND || t[*pos].kind == ERR_OUT) {
      enum kind k = t[*pos].kind;
      if (k == WORD) {
        if (c->argc == MAX_ARGS - 1) return -1;
        const char *raw = t[(*pos)++].text;
        if (!(c->argv[c->argc++] = word_value(raw, raw + strlen(raw)))) return -1;
        continue;
      }
      (*pos)++;
      if (t[*pos].kind != WORD) return -1;
      const char *raw = t[(*pos)++].text;
      char *file = word_value(raw, raw + strlen(raw));
      if (!file) return -1;
      if (k == IN) c->in = file;
      else if (k == ERR_OUT) c->err = file;
      else { c->out = file; c->append = k == APPEND; }
    }
    if (c->argc == 0) return -1;
    if (t[*pos].kind != PIPE) return n;
    (*pos)++;
  }
}

static void run_line(const char *line) {
  struct token t[MAX_TOKENS];
  struct command cmds[MAX_STAGES];
  int count = tokenize(line, t);
  if (count < 0) { fprintf(stderr, "msh: syntax error\n"); last_status = 2; return; }
  int pos = 0;
  enum kind connector = SEMI;  // how the next pipeline depends on the last status
  while (t[pos].kind != END) {
    int n = parse_pipeline(t, &pos, cmds);
    if (n < 0) { fprintf(stderr, "msh: syntax error\n"); last_status = 2; return; }
    int run = connector == SEMI || (connector == AND && last_status == 0) || (connector == OR && last_status != 0);
    if (run) last_status = run_pipeline(cmds, n);
    enum kind k = t[pos].kind;
    if (k == END) break;
    if (k != SEMI && k != AND && k != OR) { fprintf(stderr, "msh: syntax error\n"); last_status = 2; return; }
    pos++;
    connector = k;
  }
}

int main(int argc, char **argv) {
  if (argc == 3 && strcmp(argv[1], "-c") == 0) {
    run_line(argv[2]);
    return last_status;
  }
  if (argc != 2) { fprintf(stderr, "usage: msh FILE | msh -c STRING\n"); return 2; }
  FILE *f = fopen(argv[1], "re");
  if (!f) { fprintf(stderr, "msh: %s: %s\n", argv[1], strerror(errno)); return 127; }
  char line[4096];
  while (fgets(line, sizeof line, f)) run_line(line);
  fclose(f);
  return last_status;
}
