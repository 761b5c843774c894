/**
 * Every documented SPCS instance family, as data: what SHOW COMPUTE POOL INSTANCE FAMILIES prints and what
 * the scheduler uses as one node's capacity.
 *
 * First-generation figures are Snowflake's documented table. Current-generation families whose sizes are
 * not documented carry `confirmed: false` and a size inferred from the family's naming scheme (the `_N`
 * suffix is the node's raw vCPU count; usable vCPU and memory follow the documented G2 pattern); see
 * docs/platform-choices.md.
 */
export interface InstanceFamily {
  readonly name: string;
  readonly vcpu: number;
  readonly memoryGib: number;
  readonly storageGib: number;
  readonly gpu: string;
  readonly gpuCount: number;
  readonly gpuMemoryGib: number;
  readonly description: string;
  readonly confirmed: boolean;
}

type Row = [name: string, vcpu: number, memoryGib: number, storageGib: number, gpu: string, gpuCount: number, gpuMemoryGib: number, description: string, confirmed?: boolean];

const ROWS = [
  ["CPU_X64_XS", 1, 6, 100, "", 0, 0, "Smallest instance available for Snowpark Containers."],
  ["CPU_X64_S", 3, 13, 100, "", 0, 0, "Several small services or jobs at low cost."],
  ["CPU_X64_M", 6, 28, 100, "", 0, 0, "A full-stack application or several services."],
  ["CPU_X64_SL", 14, 54, 100, "", 0, 0, "Applications that need many CPUs and much memory."],
  ["CPU_X64_L", 28, 116, 100, "", 0, 0, "Very large CPU and memory needs."],
  ["HIGHMEM_X64_S", 6, 58, 100, "", 0, 0, "Memory-intensive applications."],
  ["HIGHMEM_X64_M", 28, 240, 100, "", 0, 0, "Several memory-intensive applications on one node."],
  ["HIGHMEM_X64_SL", 92, 654, 100, "", 0, 0, "Largest high-memory node on Azure and Google Cloud."],
  ["HIGHMEM_X64_L", 124, 984, 100, "", 0, 0, "Largest high-memory node on AWS."],
  ["GPU_NV_S", 6, 27, 300, "A10G", 1, 24, "Smallest NVIDIA GPU node on AWS."],
  ["GPU_NV_M", 44, 178, 3400, "A10G", 4, 24, "GPU-intensive workloads such as computer vision or LLMs."],
  ["GPU_NV_L", 92, 1112, 6800, "A100", 8, 40, "Largest GPU node on AWS for LLMs and clustering."],
  ["GPU_NV_XS", 3, 26, 100, "T4", 1, 16, "Smallest NVIDIA GPU node on Azure."],
  ["GPU_NV_SM", 32, 424, 100, "A10", 1, 24, "Small NVIDIA GPU node on Azure."],
  ["GPU_NV_2M", 68, 858, 100, "A10", 2, 24, "GPU-intensive workloads on Azure."],
  ["GPU_NV_3M", 44, 424, 100, "A100", 2, 80, "Memory-intensive GPU workloads on Azure."],
  ["GPU_NV_SL", 92, 858, 100, "A100", 4, 80, "Largest NVIDIA GPU node on Azure."],
  ["GPU_GCP_NV_L4_1_24G", 6, 28, 300, "L4", 1, 24, "Smallest NVIDIA GPU node on Google Cloud."],
  ["GPU_GCP_NV_L4_4_24G", 44, 178, 1200, "L4", 4, 24, "GPU-intensive workloads on Google Cloud."],
  ["GPU_GCP_NV_A100_8_40G", 92, 654, 2500, "A100", 8, 40, "Memory-intensive GPU workloads on Google Cloud."],
  ["GEN_ARM_G1_2", 1, 6, 100, "", 0, 0, "Current-generation ARM node (AWS)."],
  ["GEN_ARM_G1_4", 3, 13, 100, "", 0, 0, "Current-generation ARM node (AWS)."],
  ["GEN_ARM_G1_8", 6, 28, 100, "", 0, 0, "Current-generation ARM node (AWS)."],
  ["GEN_ARM_G1_16", 14, 58, 100, "", 0, 0, "Current-generation ARM node (AWS)."],
  ["GEN_ARM_G1_32", 28, 116, 100, "", 0, 0, "Current-generation ARM node (AWS)."],
  ["GEN_X64_G2_2", 1, 6, 100, "", 0, 0, "Current-generation x86 node."],
  ["GEN_X64_G2_4", 3, 13, 100, "", 0, 0, "Current-generation x86 node."],
  ["GEN_X64_G2_8", 6, 28, 200, "", 0, 0, "Current-generation x86 node."],
  ["GEN_X64_G2_16", 14, 58, 100, "", 0, 0, "Current-generation x86 node (Azure).", false],
  ["GEN_X64_G2_32", 28, 116, 100, "", 0, 0, "Current-generation x86 node."],
  ["MEM_X64_G2_8", 6, 58, 100, "", 0, 0, "Current-generation high-memory node."],
  ["MEM_X64_G2_32", 28, 240, 100, "", 0, 0, "Current-generation high-memory node."],
  ["MEM_X64_G2_64", 60, 492, 100, "", 0, 0, "Current-generation high-memory node."],
  ["MEM_X64_G2_96", 92, 738, 100, "", 0, 0, "Current-generation high-memory node (Azure).", false],
  ["MEM_X64_G2_192", 188, 1436, 100, "", 0, 0, "Current-generation high-memory node (AWS)."],
  ["GPU_L40S_G1_8", 6, 58, 300, "L40S", 1, 48, "NVIDIA L40S node (AWS).", false],
  ["GPU_L40S_G1_16", 14, 116, 300, "L40S", 1, 48, "NVIDIA L40S node (AWS).", false],
  ["GPU_L40S_G1_48", 44, 348, 1200, "L40S", 4, 48, "NVIDIA L40S node (AWS).", false],
  ["GPU_L40S_G1_192", 188, 1436, 3800, "L40S", 8, 48, "NVIDIA L40S node (AWS).", false],
  ["GPU_R6K_G1_8", 6, 58, 300, "RTX PRO 6000", 1, 96, "NVIDIA RTX PRO 6000 Blackwell node (AWS).", false],
  ["GPU_R6K_G1_16", 14, 116, 300, "RTX PRO 6000", 1, 96, "NVIDIA RTX PRO 6000 Blackwell node (AWS).", false],
  ["GPU_R6K_G1_32", 28, 240, 600, "RTX PRO 6000", 2, 96, "NVIDIA RTX PRO 6000 Blackwell node (AWS).", false],
  ["GPU_R6K_G1_48", 44, 348, 1200, "RTX PRO 6000", 4, 96, "NVIDIA RTX PRO 6000 Blackwell node (AWS).", false],
  ["GPU_R6K_G1_96", 92, 738, 2400, "RTX PRO 6000", 4, 96, "NVIDIA RTX PRO 6000 Blackwell node (AWS).", false],
  ["GPU_R6K_G1_192", 188, 1436, 3800, "RTX PRO 6000", 8, 96, "NVIDIA RTX PRO 6000 Blackwell node (AWS).", false],
  ["GPU_A100_G1_12", 11, 80, 300, "A100", 1, 40, "NVIDIA A100 node (Google Cloud).", false],
  ["GPU_A100_G1_48", 44, 330, 1200, "A100", 4, 40, "NVIDIA A100 node (Google Cloud).", false],
] as const satisfies readonly Row[];

/** Every family name, as a type: what `ComputePoolArgs.instanceFamily` accepts (in either case). */
export type InstanceFamilyName = (typeof ROWS)[number][0];

export const INSTANCE_FAMILIES: readonly InstanceFamily[] = (ROWS as readonly Row[]).map(
  ([name, vcpu, memoryGib, storageGib, gpu, gpuCount, gpuMemoryGib, description, confirmed = true]) => ({
    name, vcpu, memoryGib, storageGib, gpu, gpuCount, gpuMemoryGib, description, confirmed,
  }),
);

export const INSTANCE_FAMILY_NAMES = INSTANCE_FAMILIES.map((f) => f.name);

/** Case-insensitive lookup, as SPCS accepts `cpu_x64_xs`. */
export function findInstanceFamily(name: string): InstanceFamily | undefined {
  const upper = name.toUpperCase();
  return INSTANCE_FAMILIES.find((f) => f.name === upper);
}
