/* codeshare with another addend: the same layout, other bits in one instruction (see codeshare.c). */
#define ADDEND 5
#include "codeshare.c"
