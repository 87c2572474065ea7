# The benchmark's Python ping-pong: rank 0 and rank 1 pass a pickled 8-byte object (lowercase send/recv)
# back and forth, a tenth of the count as warm-up, then the timed count; rank 0 prints one JSON line.
# The same file runs under mpilab (mpilab run pingpong.py -n 2 -- BYTES COUNT) and under real mpi4py.
import json
import sys
import time

from mpi4py import MPI

comm = MPI.COMM_WORLD
rank = comm.Get_rank()
size = int(sys.argv[1]) if len(sys.argv) > 1 else 8
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
payload = b"x" * size

elapsed = 0.0
for timed, rounds in ((False, max(count // 10, 1)), (True, count)):
    comm.barrier()
    start = time.perf_counter()
    for _ in range(rounds):
        if rank == 0:
            comm.send(payload, dest=1, tag=0)
            comm.recv(source=1, tag=0)
        elif rank == 1:
            comm.send(comm.recv(source=0, tag=0), dest=0, tag=0)
    elapsed = time.perf_counter() - start

if rank == 0:
    print(json.dumps({"seconds": elapsed, "one_way_seconds": elapsed / (2 * count), "messages": 2 * count}))
