// What Debian's libcpuinfo (the CPU-topology library ExecuTorch and XNNPACK builds use to size thread pools
// and pick kernels) makes of the machine: it must initialize, count the harts rvemu reports and see the
// vector extension exactly when --isa enables it. Under QEMU the counts are the host's (its /sys passes
// through), so the corpus checks this one against a stored expectation.
#include <stdio.h>

#include "cpuinfo-api.h"

int main(void) {
  if (!cpuinfo_initialize()) {
    printf("cpuinfo_initialize failed\n");
    return 1;
  }
  printf("processors=%u cores=%u clusters=%u packages=%u uarchs=%u\n", cpuinfo_get_processors_count(),
         cpuinfo_get_cores_count(), cpuinfo_get_clusters_count(), cpuinfo_get_packages_count(),
         cpuinfo_get_uarchs_count());
  const struct cpuinfo_riscv_isa *isa = &cpuinfo_isa;
  printf("isa i=%d m=%d a=%d f=%d d=%d c=%d v=%d\n", isa->i, isa->m, isa->a, isa->f, isa->d, isa->c, isa->v);
  const struct cpuinfo_processor *p = cpuinfo_get_processor(0);
  printf("processor0 linux_id=%d core=%u cluster=%u package=%u\n", p->linux_id, p->core->core_id,
         p->cluster->cluster_id, p->package->processor_count);
  cpuinfo_deinitialize();
  return 0;
}
