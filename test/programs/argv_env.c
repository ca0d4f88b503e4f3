/* Prints argc, each argv[i], and the value of each environment variable whose
   name is given after a "--env" argument (or "(unset)"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  int envmode = 0;
  for (int i = 1; i < argc; i++) {
    printf("argv[%d]=\"%s\" (len %zu)\n", i, argv[i], strlen(argv[i]));
    if (envmode) {
      const char *v = getenv(argv[i]);
      printf("  env %s=%s%s%s\n", argv[i], v ? "\"" : "", v ? v : "(unset)", v ? "\"" : "");
    }
    if (strcmp(argv[i], "--env") == 0) envmode = 1;
  }
  printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
  return 0;
}
