/* Boot state handed over by the board, CPU identification registers and the initial TLB1 mapping. */
#include "rt.h"

int main(void)
{
    printf("boot r4=%08x r5=%08x r6=%08x r7=%08x msr=%08x\n", boot_r4, boot_r5, boot_r6, boot_r7, boot_msr);
    printf("dtb r3=%08x magic=%08x\n", boot_r3, *(volatile u32 *)boot_r3);
    /* SVR and MMUCFG left out: QEMU 7.2 reads both as 0 on ppce500, real parts do not. */
    printf("pvr=%08x pir=%08x\n", mfspr(SPR_PVR), mfspr(SPR_PIR));
    printf("tlb0cfg=%08x tlb1cfg=%08x\n", mfspr(SPR_TLB0CFG), mfspr(SPR_TLB1CFG));
    for (u32 esel = 0; esel < 2; esel++) {
        mtspr(SPR_MAS0, 0x10000000u | (esel << 16));
        isync();
        __asm__ volatile("tlbre; isync" : : : "memory");
        printf("tlb1[%d] mas1=%08x mas2=%08x mas3=%08x mas7=%08x\n", esel, mfspr(SPR_MAS1), mfspr(SPR_MAS2),
               mfspr(SPR_MAS3), mfspr(SPR_MAS7));
    }
    printf("pid=%08x\n", mfspr(SPR_PID));
    return 0;
}
