#!/usr/bin/env python3

import time
from mpi4py import MPI
comm = MPI.COMM_WORLD  # fixed: missing in the tutorial

worker = comm.Get_rank()
size = comm.Get_size()

initial = 2
if worker == 0:
    comm.send(initial, dest=worker+1)
elif worker == size-1:
    rec = comm.recv(source=worker-1)
    print(worker, rec)  # fixed: the last worker only receives
else:  # fixed: the middle workers receive, double and pass on
    rec = comm.recv(source=worker-1)
    comm.send(rec*2, dest=worker+1)
    print(worker, rec)
