/* Loaded only with dlopen by dyn_tls: its TLS block is allocated at dlopen time and reached through
   __tls_get_addr (general-dynamic for the exported variable, local-dynamic for the static one). */
__thread int dl_tls = 200;
static __thread long dl_hidden[4] = {1, 2, 3, 4};
static __thread char dl_text[32] = "dlopen tls";

int dl_bump(int by) { dl_tls += by; dl_hidden[by & 3] += by; return dl_tls; }
long dl_hidden_sum(void) { return dl_hidden[0] + dl_hidden[1] + dl_hidden[2] + dl_hidden[3]; }
const char *dl_text_get(void) { return dl_text; }
int *dl_tls_addr(void) { return &dl_tls; }
