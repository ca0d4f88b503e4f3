/* selftest-fail.S - deliberately failing test: proves that a harness detects
 * failures. Cases 1, 2 and 4 are correct; case 3 expects a wrong value, so the
 * program must write "FAIL: test 3" to stderr and exit with status 3
 * (case 4 is never reached).
 */
#include "macros.h"

RVTEST_CODE_BEGIN

        TEST_RR_OP(1, add, 5, 2, 3)
        TEST_IMM_OP(2, addi, 0x10, 0x0f, 1)
        TEST_RR_OP(3, sub, 1, 5, 3)          /* WRONG on purpose: 5 - 3 = 2 */
        TEST_RR_OP(4, add, 0, 0, 0)

RVTEST_CODE_END
