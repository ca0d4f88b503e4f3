// The part of libcpuinfo's C interface the probe uses (Debian trixie's riscv64 build), declared here so the
// probe is compiled from this directory alone and only links to the library at run time. Only the leading
// members of the structures we read are declared (we never allocate or copy them); their order and types
// must match the library's layout on riscv64 Linux.
#ifndef CPUINFO_API_H
#define CPUINFO_API_H

#include <stdbool.h>
#include <stdint.h>

struct cpuinfo_core {
  uint32_t processor_start;
  uint32_t processor_count;
  uint32_t core_id;
};

struct cpuinfo_cluster {
  uint32_t processor_start;
  uint32_t processor_count;
  uint32_t core_start;
  uint32_t core_count;
  uint32_t cluster_id;
};

struct cpuinfo_package {
  char name[48];
  uint32_t processor_start;
  uint32_t processor_count;
};

struct cpuinfo_processor {
  uint32_t smt_id;
  const struct cpuinfo_core *core;
  const struct cpuinfo_cluster *cluster;
  const struct cpuinfo_package *package;
  int linux_id; /* Linux only */
};

/* The ISA flags the library fills in on riscv64 (one bool each, in this order). */
struct cpuinfo_riscv_isa {
  bool i, m, a, f, d, c, v;
};
extern struct cpuinfo_riscv_isa cpuinfo_isa;

bool cpuinfo_initialize(void);
void cpuinfo_deinitialize(void);
uint32_t cpuinfo_get_processors_count(void);
uint32_t cpuinfo_get_cores_count(void);
uint32_t cpuinfo_get_clusters_count(void);
uint32_t cpuinfo_get_packages_count(void);
uint32_t cpuinfo_get_uarchs_count(void);
const struct cpuinfo_processor *cpuinfo_get_processor(uint32_t index);

#endif
