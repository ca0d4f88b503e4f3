/* TLS in every model: the executable's own (local-exec), a DT_NEEDED library's (initial-exec/static
   block), and a dlopen'ed library's (general dynamic via __tls_get_addr); plus dlopen/dlsym/dlerror and
   $ORIGIN in the run path. */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

__thread int main_tls = 7;
__thread long main_tls_bss;
extern __thread int lib_tls;
int lib_bump(int);
const char *lib_text(void);

int main(void) {
  main_tls += 1;
  main_tls_bss += 3;
  printf("main tls: %d %ld\n", main_tls, main_tls_bss);
  printf("linked lib tls: %d -> %d, direct %d, text '%s'\n", lib_tls, lib_bump(5), lib_tls, lib_text());

  void *h = dlopen("libdyntls_dl.so", RTLD_NOW);
  if (!h) { printf("dlopen failed: %s\n", dlerror()); return 1; }
  int (*bump)(int) = (int (*)(int))dlsym(h, "dl_bump");
  int *(*addr)(void) = (int *(*)(void))dlsym(h, "dl_tls_addr");
  long (*hsum)(void) = (long (*)(void))dlsym(h, "dl_hidden_sum");
  const char *(*text)(void) = (const char *(*)(void))dlsym(h, "dl_text_get");
  int *var = (int *)dlsym(h, "dl_tls");
  if (!bump || !addr || !hsum || !text || !var) { printf("dlsym failed: %s\n", dlerror()); return 1; }
  int b1 = bump(1), b2 = bump(2);
  printf("dlopen'ed lib tls: %d %d, hidden sum %ld, text '%s'\n", b1, b2, hsum(), text());
  *addr() = 1000;
  printf("after store through address: %d; dlsym'd variable %d; linked lib still %d\n", bump(0), *var, lib_tls);
  printf("distinct blocks: %s\n", (void *)addr() != (void *)&lib_tls && (void *)addr() != (void *)&main_tls ? "yes" : "no");
  if (dlsym(h, "no_such_symbol") == NULL) printf("missing symbol reported: %s\n", strstr(dlerror(), "no_such_symbol") ? "yes" : "no");
  if (dlopen("libdoes_not_exist.so", RTLD_NOW) == NULL) printf("missing library reported: yes\n");
  dlclose(h);
  return 0;
}
