#!/usr/bin/env python3

import time
from mpi4py import MPI

worker = comm.Get_rank()
size = comm.Get_size()

initial = 2
if worker == 0:
    comm.send(initial, dest=worker+1)
elif worker == size-1:
    rec = comm.recv(source=worker-1)
    rec = comm.recv(source=worker-1)
    comm.send(rec*2, dest=worker+1)
    print(worker, rec)
