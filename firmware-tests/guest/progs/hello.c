/* Smallest program: proves the runtime, the UART mapping and the reset path. */
#include "rt.h"

int main(void)
{
    printf("hello from e500v2\n");
    printf("dec %d %u %d, hex %x %08X, str %s, char %c\n", 12345, 4000000000u, -42, 0xbeef, 0xabc, "ok", 'z');
    return 0;
}
