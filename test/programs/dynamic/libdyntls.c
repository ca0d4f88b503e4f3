/* A shared library with TLS, linked by dyn_tls (DT_NEEDED): its TLS block is part of the static TLS
   area set up at start. */
__thread int lib_tls = 100;
__thread char lib_buf[64] = "library tls";
int lib_counter;

int lib_bump(int by) { lib_tls += by; lib_counter++; return lib_tls; }
const char *lib_text(void) { return lib_buf; }
int *lib_tls_addr(void) { return &lib_tls; }
