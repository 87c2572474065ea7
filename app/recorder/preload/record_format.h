/* The per-process record file of a real MPI run: what the PMPI library (record_preload.c) writes, one file
 * per process ("rank-N.mpilabrec" in the record folder), and what `mpilab record` merges into one trace.
 * Layout: a 4096-byte header, then fixed 64-byte records in the order the process made them. The file is
 * mapped into the process, so what is written is in the file even when the process is killed or crashes;
 * the header's `count` says how many records are valid. Integers are the machine's (little-endian x86-64).
 * Invariants: a call's record is written at entry with leave_ns = 0 and completed at return; the records
 * a call adds (requests it waits for, completions, a new communicator's members) follow it. */
#ifndef MPILAB_RECORD_FORMAT_H
#define MPILAB_RECORD_FORMAT_H

#include <stdint.h>

#define MPILAB_RECORD_MAGIC 0x31434552424c504dull /* "MPLBREC1" */
#define MPILAB_RECORD_VERSION 1
#define MPILAB_RECORD_HEADER_BYTES 4096
#define MPILAB_RECORD_BYTES 64

/* Ranks as the records store them (both MPIs' own constants differ: MPI_PROC_NULL is -1 in MPICH). */
#define MPILAB_REC_ANY_SOURCE (-1)
#define MPILAB_REC_PROC_NULL (-2)
#define MPILAB_REC_NO_PEER (-3)
#define MPILAB_REC_ANY_TAG (-1)

/* What a record is. Calls first (their names are MPI's), then the records a call adds. */
enum mpilab_rec_kind {
    REC_SEND = 1, REC_SSEND, REC_BSEND, REC_RSEND, REC_RECV, REC_SENDRECV,
    REC_ISEND, REC_ISSEND, REC_IBSEND, REC_IRSEND, REC_IRECV,
    REC_WAIT, REC_WAITALL, REC_WAITANY, REC_WAITSOME, REC_TEST, REC_TESTALL, REC_TESTANY, REC_TESTSOME,
    REC_PROBE, REC_IPROBE,
    REC_BARRIER, REC_BCAST, REC_REDUCE, REC_ALLREDUCE, REC_GATHER, REC_GATHERV, REC_SCATTER, REC_SCATTERV,
    REC_ALLGATHER, REC_ALLGATHERV, REC_ALLTOALL, REC_ALLTOALLV, REC_REDUCE_SCATTER, REC_REDUCE_SCATTER_BLOCK,
    REC_SCAN, REC_EXSCAN,
    REC_COMM_DUP, REC_COMM_SPLIT, REC_COMM_FREE,
    /* Non-blocking collectives (after the others, so that the numbers above keep their meaning). */
    REC_IBARRIER, REC_IBCAST, REC_IREDUCE, REC_IALLREDUCE, REC_IGATHER, REC_IGATHERV, REC_ISCATTER, REC_ISCATTERV,
    REC_IALLGATHER, REC_IALLGATHERV, REC_IALLTOALL, REC_IALLTOALLV, REC_IREDUCE_SCATTER, REC_IREDUCE_SCATTER_BLOCK,
    REC_ISCAN, REC_IEXSCAN,
    REC_CALL_KINDS_END,
    /* Records a call adds after its own. */
    REC_WAITS_ON = 100,   /* request: one the call waits for (waitall, waitany, waitsome and the tests) */
    REC_COMPLETE,         /* request completed: source, status_tag, bytes from its status */
    REC_COMM_NEW,         /* comm: the new communicator's local id; extra: its parent's; peer: the creation's ordinal on the parent; tag: member count */
    REC_MEMBERS           /* up to 10 world ranks of the communicator created just before */
};

/* Flags of a call record. */
#define REC_FLAG_PERSISTENT 1   /* an Isend/Irecv record made by MPI_Start of a persistent request */

struct mpilab_record {
    int64_t enter_ns;        /* clock at entry (REC_COMPLETE: when the completion was seen) */
    int64_t leave_ns;        /* clock at return; 0 while the call runs */
    union {
        struct {
            uint64_t address;    /* return address into the caller (resolved with the process's maps) */
            int64_t bytes;       /* payload bytes (count times the datatype's size) */
            int32_t peer;        /* destination, source or root: rank in `comm`, or MPILAB_REC_* */
            int32_t tag;         /* tag (MPILAB_REC_ANY_TAG for any) */
            int32_t source;      /* receive: the source its status gave (rank in comm) */
            int32_t status_tag;  /* receive: the tag its status gave */
            uint32_t request;    /* request created (i-calls, non-blocking collectives) or waited for (wait, test); 0 none */
            int32_t extra;       /* waitall/...: number of requests; comm creation: new comm's local id */
            uint16_t comm;       /* local communicator id (0 = MPI_COMM_WORLD) */
            uint8_t kind;        /* enum mpilab_rec_kind */
            uint8_t flags;
            int32_t recv_peer;   /* sendrecv: the source it receives from */
        } call;
        int32_t members[10];     /* REC_MEMBERS: up to 10 world ranks (-1 past the last); call.kind stays readable */
    } u;
};

/* Process states in the header. */
enum mpilab_rec_state {
    REC_STATE_RUNNING = 1,    /* between MPI_Init and MPI_Finalize */
    REC_STATE_FINALIZED,      /* MPI_Finalize returned */
    REC_STATE_CRASHED,        /* a signal (signal, signal_address) */
    REC_STATE_ABORTED,        /* MPI_Abort (abort_code, abort_address) */
    REC_STATE_MPI_ERROR,      /* MPI's error handler was called (error_text) */
    REC_STATE_EXITED          /* the process exited without MPI_Finalize */
};

struct mpilab_record_header {
    uint64_t magic;
    uint32_t version;
    uint32_t header_bytes;
    uint32_t record_bytes;
    int32_t world_rank;
    int32_t world_size;
    int32_t pid;
    uint64_t capacity;            /* records the file has room for */
    volatile uint64_t count;      /* records written */
    volatile uint64_t progress;   /* bumped at every call's entry and return */
    volatile int32_t in_call;     /* 1 while the process is inside an MPI call */
    volatile int32_t state;       /* enum mpilab_rec_state */
    volatile int32_t overflow;    /* records were dropped: the file was full */
    int32_t signal;
    uint64_t signal_address;
    int32_t abort_code;
    int32_t sync_count;           /* clock samples taken: at MPI_Init and at MPI_Finalize */
    uint64_t abort_address;
    int64_t sync_local_ns[2];     /* this process's clock at each sample */
    int64_t sync_offset_ns[2];    /* rank 0's clock minus this process's clock then */
    int64_t sync_error_ns[2];     /* half the round trip of the best ping-pong: the offset's uncertainty */
    char mpi[64];                 /* "MPICH 4.0.2", "Open MPI 4.1.4" */
    char host[64];
    char exe[512];                /* /proc/self/exe */
    char error_text[512];         /* REC_STATE_MPI_ERROR: MPI's error string */
};

/* Beside each record file, "rank-N.maps": the process's executable mappings at MPI_Init, as
 * /proc/self/maps gives them, so that return addresses can be resolved to file:line afterwards. */

#endif
