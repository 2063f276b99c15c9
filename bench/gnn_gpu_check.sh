#!/usr/bin/env bash
# The one prepared device check (issue 5), under 10 minutes on a GPU machine:
#   Gowalla LightGCN (Recall@20 / NDCG@20, seconds per epoch) on CUDA for a bounded time, then
#   the real-data training on CUDA and on the CPU side by side.
# The device machine has no internet: carry the data in an ignored folder, e.g.
#   mkdir -p .device-data && cp -r ../shared/data/gowalla ../shared/data/musinsa-snap-2025 .device-data/
#   run(command="CLOSET_SHARED_DATA=.device-data bash bench/gnn_gpu_check.sh", carry=[".device-data"])
set -euo pipefail
out="${OUT:-/tmp/gnn-gpu-check}"
mkdir -p "$out"
nvidia-smi --query-gpu=name,memory.total --format=csv | tee "$out/gpu.txt" || true
python bench/gowalla_lightgcn.py --device cuda --max-minutes 5 --epochs 1000 --eval-every 25 \
    --json "$out/gowalla_cuda.json" 2>&1 | grep -v '^\s*$' | tail -8 | tee "$out/gowalla_cuda.txt"
python bench/gnn_realdata_train.py --device cuda | tee "$out/realdata_cuda.json"
python bench/gnn_realdata_train.py --device cpu | tee "$out/realdata_cpu.json"
