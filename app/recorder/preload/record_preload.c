/* The PMPI interposition library of `mpilab record`: preloaded into every process of a real MPI run, it
 * defines the MPI functions a C/C++ program calls, records each call (kind, communicator, peer, tag,
 * bytes, requests, entry and return times, the caller's return address) and calls the PMPI_ function.
 * Built once per MPI (against MPICH's and Open MPI's own mpi.h). Records go to a file mapped into memory
 * (record_format.h): no lock, no system call per MPI call, and whatever was written is in the file when
 * the process hangs, crashes or is killed. Without MPILAB_RECORD_DIR in the environment it records nothing.
 * Single-threaded programs (MPI_THREAD_MULTIPLE is not supported: records would interleave). */
#define _GNU_SOURCE
#include "record_format.h"

#include <mpi.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <ucontext.h>
#include <unistd.h>

#define RET_ADDR ((uint64_t)(uintptr_t)__builtin_return_address(0))

static struct mpilab_record_header* header;   /* NULL: not recording */
static struct mpilab_record* records;
static int depth;                              /* > 0 inside a recorded call (inner MPI calls are not recorded) */
static int world_rank, world_size;
static MPI_Comm sync_comm = MPI_COMM_NULL;
static char file_path[4096];
static size_t map_bytes;
static int64_t test_skew_ns, test_drift_ppb, clock_base_ns;

/* ---- the clock ---- */

static int64_t raw_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* MPILAB_RECORD_TEST_CLOCK="SKEW_NS,DRIFT_PPB" offsets rank r's clock by r*SKEW and lets it run r*DRIFT
 * parts per billion fast: the clock alignment is tested on one machine with clocks that disagree. */
static int64_t now_ns(void) {
    int64_t t = raw_now();
    if (test_skew_ns || test_drift_ppb)
        t += world_rank * test_skew_ns + (t - clock_base_ns) / 1000000000 * world_rank * test_drift_ppb +
             (t - clock_base_ns) % 1000000000 * world_rank * test_drift_ppb / 1000000000;
    return t;
}

/* ---- records ---- */

static struct mpilab_record* rec_alloc(void) {
    if (!header) return NULL;
    if (header->count >= header->capacity) {
        header->overflow = 1;
        return NULL;
    }
    struct mpilab_record* r = &records[header->count];
    memset(r, 0, sizeof *r);
    __atomic_store_n(&header->count, header->count + 1, __ATOMIC_RELEASE);
    return r;
}

static uint16_t comm_id(MPI_Comm comm);

/* Opens a call's record (NULL inside another recorded call or when not recording). */
static struct mpilab_record* rec_begin(int kind, MPI_Comm comm, uint64_t address) {
    if (!header || depth++ > 0) return NULL;
    struct mpilab_record* r = rec_alloc();
    header->in_call = 1;
    header->progress++;
    if (!r) return NULL;
    r->u.call.kind = (uint8_t)kind;
    r->u.call.comm = comm == MPI_COMM_NULL ? 0 : comm_id(comm);
    r->u.call.address = address;
    r->u.call.peer = MPILAB_REC_NO_PEER;
    r->u.call.source = MPILAB_REC_NO_PEER;
    r->u.call.recv_peer = MPILAB_REC_NO_PEER;
    r->enter_ns = now_ns();
    return r;
}

static void rec_end(struct mpilab_record* r) {
    if (!header) return;
    if (--depth > 0) return;
    if (r) {
        int64_t t = now_ns();
        r->leave_ns = t > r->enter_ns ? t : r->enter_ns + 1;
    }
    header->progress++;
    header->in_call = 0;
}

/* Every ENTER has one LEAVE on every path: the depth counts them. */
#define ENTER(kind, comm) struct mpilab_record* rec = header ? rec_begin(kind, comm, RET_ADDR) : (depth++, NULL)
#define LEAVE() (header ? rec_end(rec) : (void)depth--)

static int64_t type_bytes(int count, MPI_Datatype type) {
    int size = 0;
    if (type == MPI_DATATYPE_NULL || PMPI_Type_size(type, &size) != MPI_SUCCESS) return 0;
    return (int64_t)count * size;
}

static int32_t rank_of(int rank) {
    if (rank == MPI_ANY_SOURCE) return MPILAB_REC_ANY_SOURCE;
    if (rank == MPI_PROC_NULL) return MPILAB_REC_PROC_NULL;
    return rank;
}

static int32_t tag_of(int tag) { return tag == MPI_ANY_TAG ? MPILAB_REC_ANY_TAG : tag; }

/* ---- communicators: handle -> local id; each new one recorded with its parent and members ---- */

#define MAX_COMMS 4096
static MPI_Comm comm_handles[MAX_COMMS];
static uint32_t comm_creations[MAX_COMMS];   /* creations on each communicator so far */
static int comm_count;

static void record_members(MPI_Comm comm, int id, int parent, int ordinal) {
    MPI_Group group, world_group;
    int size = 0;
    PMPI_Comm_group(comm, &group);
    PMPI_Comm_group(MPI_COMM_WORLD, &world_group);
    PMPI_Group_size(group, &size);
    struct mpilab_record* r = rec_alloc();
    if (r) {
        r->u.call.kind = REC_COMM_NEW;
        r->u.call.comm = (uint16_t)id;
        r->u.call.extra = parent;
        r->u.call.peer = ordinal;
        r->u.call.tag = size;
        r->enter_ns = now_ns();
    }
    for (int first = 0; first < size; first += 10) {
        int ranks[10], world[10], n = size - first < 10 ? size - first : 10;
        for (int k = 0; k < n; ++k) ranks[k] = first + k;
        PMPI_Group_translate_ranks(group, n, ranks, world_group, world);
        struct mpilab_record* m = rec_alloc();
        if (!m) break;
        for (int k = 0; k < 10; ++k) m->u.members[k] = k < n ? world[k] : -1;
        m->u.call.kind = REC_MEMBERS;   /* after the members: it lies beyond them */
    }
    PMPI_Group_free(&group);
    PMPI_Group_free(&world_group);
}

/* A communicator made by a call of `parent` (its next creation), or first seen (parent -1). */
static uint16_t comm_register(MPI_Comm comm, int parent) {
    int ordinal = -1;
    if (parent >= 0) ordinal = (int)comm_creations[parent]++;
    if (comm == MPI_COMM_NULL || comm_count >= MAX_COMMS) return 0;
    int id = comm_count++;
    comm_handles[id] = comm;
    comm_creations[id] = 0;
    record_members(comm, id, parent < 0 ? 0 : parent, ordinal);
    return (uint16_t)id;
}

static uint16_t comm_id(MPI_Comm comm) {
    if (comm == MPI_COMM_WORLD) return 0;
    for (int i = 1; i < comm_count; ++i)
        if (comm_handles[i] == comm) return (uint16_t)i;
    return comm_register(comm, -1);
}

static void comm_forget(MPI_Comm comm) {
    for (int i = 1; i < comm_count; ++i)
        if (comm_handles[i] == comm) comm_handles[i] = MPI_COMM_NULL;
}

/* ---- requests: handle -> id and what it was created for (open addressing, backward-shift deletion) ---- */

struct request_entry {
    uintptr_t key;      /* 0: empty */
    uint32_t id;
    uint8_t persistent;
    uint8_t kind;       /* REC_ISEND.. / REC_IRECV for persistent ones; a receive or not, for the others */
    uint16_t comm;
    int32_t peer, tag;
    int64_t bytes;
};

#define REQUEST_SLOTS (1u << 16)
static struct request_entry requests[REQUEST_SLOTS];
static uint32_t request_ids, request_used;

static uintptr_t request_key(MPI_Request req) {
    uintptr_t key = 0;
    memcpy(&key, &req, sizeof req < sizeof key ? sizeof req : sizeof key);
    return key;
}

static uint32_t slot_of(uintptr_t key) { return (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 48) & (REQUEST_SLOTS - 1); }

static struct request_entry* request_find(MPI_Request req) {
    if (req == MPI_REQUEST_NULL) return NULL;
    uintptr_t key = request_key(req);
    for (uint32_t s = slot_of(key);; s = (s + 1) & (REQUEST_SLOTS - 1)) {
        if (requests[s].key == key) return &requests[s];
        if (requests[s].key == 0) return NULL;
    }
}

static struct request_entry* request_add(MPI_Request req) {
    if (req == MPI_REQUEST_NULL || request_used >= REQUEST_SLOTS / 2) return NULL;
    uintptr_t key = request_key(req);
    uint32_t s = slot_of(key);
    while (requests[s].key != 0 && requests[s].key != key) s = (s + 1) & (REQUEST_SLOTS - 1);
    if (requests[s].key == 0) request_used++;
    memset(&requests[s], 0, sizeof requests[s]);
    requests[s].key = key;
    return &requests[s];
}

static void request_remove(struct request_entry* e) {
    uint32_t hole = (uint32_t)(e - requests);
    requests[hole].key = 0;
    request_used--;
    for (uint32_t s = (hole + 1) & (REQUEST_SLOTS - 1); requests[s].key != 0; s = (s + 1) & (REQUEST_SLOTS - 1)) {
        uint32_t home = slot_of(requests[s].key);
        /* move s into the hole when its home is not in (hole, s] cyclically */
        if (((s - home) & (REQUEST_SLOTS - 1)) >= ((s - hole) & (REQUEST_SLOTS - 1))) {
            requests[hole] = requests[s];
            requests[s].key = 0;
            hole = s;
        }
    }
}

/* A request created by an i-call: its id goes into the call's record. */
static uint32_t request_started(MPI_Request req, int kind) {
    struct request_entry* e = request_add(req);
    if (!e) return 0;
    e->id = ++request_ids;
    e->kind = (uint8_t)kind;
    return e->id;
}

static void record_waits_on(const MPI_Request* reqs, int n) {
    if (!header || depth != 1) return;
    for (int i = 0; i < n; ++i) {
        struct request_entry* e = request_find(reqs[i]);
        if (!e || !e->id) continue;
        struct mpilab_record* r = rec_alloc();
        if (!r) return;
        r->u.call.kind = REC_WAITS_ON;
        r->u.call.request = e->id;
    }
}

/* Looks up a request before the call that may complete it (the call sets the handle to null). */
static struct request_entry* entries_before[64];
static struct request_entry** lookup_all(const MPI_Request* reqs, int n) {
    struct request_entry** out = n <= 64 ? entries_before : malloc(sizeof(*out) * (size_t)(n > 0 ? n : 1));
    for (int i = 0; i < n; ++i) out[i] = request_find(reqs[i]);
    return out;
}
static void free_lookup(struct request_entry** e) {
    if (e != entries_before) free(e);
}

static void request_completed(struct request_entry* e, const MPI_Status* status) {
    if (!e) return;
    if (header && depth == 1 && e->id) {
        struct mpilab_record* r = rec_alloc();
        if (r) {
            r->u.call.kind = REC_COMPLETE;
            r->u.call.request = e->id;
            r->enter_ns = now_ns();
            r->u.call.source = MPILAB_REC_NO_PEER;
            if (status && e->kind == REC_IRECV) {
                int count = 0;
                r->u.call.source = rank_of(status->MPI_SOURCE);
                r->u.call.status_tag = status->MPI_TAG;
                if (PMPI_Get_count(status, MPI_BYTE, &count) == MPI_SUCCESS && count != MPI_UNDEFINED) r->u.call.extra = count;
            }
        }
    }
    if (!e->persistent) request_remove(e);
}

/* ---- setup and teardown ---- */

static void write_maps(void) {
    char path[4200];
    snprintf(path, sizeof path, "%s.maps", file_path);
    FILE* in = fopen("/proc/self/maps", "r");
    FILE* out = fopen(path, "w");
    if (in && out) {
        char line[4600];
        while (fgets(line, sizeof line, in)) {
            char perms[8] = "";
            if (sscanf(line, "%*s %7s", perms) == 1 && perms[2] == 'x') fputs(line, out);
        }
    }
    if (in) fclose(in);
    if (out) fclose(out);
}

static void library_name(char* out, size_t size) {
    char text[MPI_MAX_LIBRARY_VERSION_STRING] = "";
    int len = 0;
    PMPI_Get_library_version(text, &len);
    const char* v;
    if ((v = strstr(text, "MPICH Version:"))) {
        v += strlen("MPICH Version:");
        while (*v == ' ' || *v == '\t') v++;
        snprintf(out, size, "MPICH %.*s", (int)strcspn(v, " \t\n"), v);
    } else if ((v = strstr(text, "Open MPI v"))) {
        v += strlen("Open MPI v");
        snprintf(out, size, "Open MPI %.*s", (int)strcspn(v, ", \n"), v);
    } else {
        snprintf(out, size, "%.*s", (int)strcspn(text, "\n"), text);
    }
}

/* Rank 0's clock minus this process's, from the ping-pong with the shortest round trip (rank 0 answers
 * every other rank in turn). */
static void clock_sample(void) {
    if (!header || header->sync_count >= 2 || sync_comm == MPI_COMM_NULL) return;
    const int rounds = 4;
    int64_t best_rtt = INT64_MAX, offset = 0, local = now_ns();
    if (world_rank == 0) {
        for (int r = 1; r < world_size; ++r)
            for (int k = 0; k < rounds; ++k) {
                int64_t t;
                PMPI_Recv(&t, 8, MPI_BYTE, r, 1, sync_comm, MPI_STATUS_IGNORE);
                t = now_ns();
                PMPI_Send(&t, 8, MPI_BYTE, r, 2, sync_comm);
            }
        best_rtt = 0;
    } else {
        for (int k = 0; k < rounds; ++k) {
            int64_t t0 = now_ns(), reference = 0;
            PMPI_Send(&t0, 8, MPI_BYTE, 0, 1, sync_comm);
            PMPI_Recv(&reference, 8, MPI_BYTE, 0, 2, sync_comm, MPI_STATUS_IGNORE);
            int64_t t1 = now_ns();
            if (t1 - t0 < best_rtt) {
                best_rtt = t1 - t0;
                local = t0 + (t1 - t0) / 2;
                offset = reference - local;
            }
        }
    }
    int i = header->sync_count;
    header->sync_local_ns[i] = local;
    header->sync_offset_ns[i] = offset;
    header->sync_error_ns[i] = best_rtt / 2;
    header->sync_count = i + 1;
}

static void on_signal(int sig, siginfo_t* info, void* context) {
    if (header) {
        header->signal = sig;
#if defined(__x86_64__)
        header->signal_address = (uint64_t)((ucontext_t*)context)->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
        header->signal_address = (uint64_t)((ucontext_t*)context)->uc_mcontext.pc;
#endif
        header->state = REC_STATE_CRASHED;
    }
    /* SA_RESETHAND restored the default action: the fault happens again and ends the process. */
    if (sig == SIGABRT) raise(sig);
}

static void on_mpi_error(MPI_Comm* comm, int* code, ...) {
    if (header && header->state == REC_STATE_RUNNING) {
        int len = 0;
        PMPI_Error_string(*code, (char*)header->error_text, &len);
        header->state = REC_STATE_MPI_ERROR;
    }
    PMPI_Abort(*comm, *code);
}

static void on_exit_without_finalize(void) {
    if (header && header->state == REC_STATE_RUNNING) header->state = REC_STATE_EXITED;
}

static void start_recording(void) {
    const char* dir = getenv("MPILAB_RECORD_DIR");
    if (!dir || !*dir) return;
    PMPI_Comm_rank(MPI_COMM_WORLD, &world_rank);
    PMPI_Comm_size(MPI_COMM_WORLD, &world_size);
    const char* test_clock = getenv("MPILAB_RECORD_TEST_CLOCK");
    if (test_clock) {
        long long skew = 0, drift = 0;
        sscanf(test_clock, "%lld,%lld", &skew, &drift);
        test_skew_ns = skew;
        test_drift_ppb = drift;
        clock_base_ns = raw_now();
    }
    uint64_t capacity = 4u << 20;   /* 256 MiB of records at most by default; the file is sparse */
    const char* max = getenv("MPILAB_RECORD_MAX_RECORDS");
    if (max && atoll(max) > 0) capacity = (uint64_t)atoll(max);
    snprintf(file_path, sizeof file_path, "%s/rank-%d.mpilabrec", dir, world_rank);
    int fd = open(file_path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "mpilab record: rank %d cannot create %s: %s\n", world_rank, file_path, strerror(errno));
        return;
    }
    map_bytes = MPILAB_RECORD_HEADER_BYTES + capacity * MPILAB_RECORD_BYTES;
    void* map = MAP_FAILED;
    if (ftruncate(fd, (off_t)map_bytes) == 0) map = mmap(NULL, map_bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    if (map == MAP_FAILED) {
        fprintf(stderr, "mpilab record: rank %d cannot map %s: %s\n", world_rank, file_path, strerror(errno));
        return;
    }
    struct mpilab_record_header* h = map;
    h->version = MPILAB_RECORD_VERSION;
    h->header_bytes = MPILAB_RECORD_HEADER_BYTES;
    h->record_bytes = MPILAB_RECORD_BYTES;
    h->world_rank = world_rank;
    h->world_size = world_size;
    h->pid = (int32_t)getpid();
    h->capacity = capacity;
    library_name(h->mpi, sizeof h->mpi);
    gethostname(h->host, sizeof h->host - 1);
    ssize_t n = readlink("/proc/self/exe", h->exe, sizeof h->exe - 1);
    if (n < 0) h->exe[0] = 0;
    h->state = REC_STATE_RUNNING;
    __atomic_store_n(&h->magic, MPILAB_RECORD_MAGIC, __ATOMIC_RELEASE);
    records = (struct mpilab_record*)((char*)map + MPILAB_RECORD_HEADER_BYTES);
    header = h;
    write_maps();

    comm_handles[0] = MPI_COMM_WORLD;
    comm_count = 1;
    MPI_Errhandler handler;
    PMPI_Comm_create_errhandler(on_mpi_error, &handler);
    PMPI_Comm_set_errhandler(MPI_COMM_WORLD, handler);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_signal;
    sa.sa_flags = SA_SIGINFO | SA_RESETHAND;
    int signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
    for (unsigned i = 0; i < sizeof signals / sizeof *signals; ++i) sigaction(signals[i], &sa, NULL);
    atexit(on_exit_without_finalize);

    PMPI_Comm_dup(MPI_COMM_WORLD, &sync_comm);
    header->in_call = 1;
    clock_sample();
    header->in_call = 0;
}

int MPI_Init(int* argc, char*** argv) {
    int rc = PMPI_Init(argc, argv);
    if (rc == MPI_SUCCESS) start_recording();
    return rc;
}

int MPI_Init_thread(int* argc, char*** argv, int required, int* provided) {
    int rc = PMPI_Init_thread(argc, argv, required, provided);
    if (rc == MPI_SUCCESS) start_recording();
    return rc;
}

int MPI_Finalize(void) {
    if (!header) return PMPI_Finalize();
    header->in_call = 1;
    header->progress++;
    clock_sample();
    PMPI_Comm_free(&sync_comm);
    int rc = PMPI_Finalize();
    header->state = REC_STATE_FINALIZED;
    header->progress++;
    header->in_call = 0;
    uint64_t used = MPILAB_RECORD_HEADER_BYTES + header->count * MPILAB_RECORD_BYTES;
    munmap(header, map_bytes);
    header = NULL;
    if (truncate(file_path, (off_t)used) != 0) { /* the reader trusts count, not the size */ }
    return rc;
}

int MPI_Abort(MPI_Comm comm, int code) {
    if (header) {
        header->abort_code = code;
        header->abort_address = RET_ADDR;
        header->state = REC_STATE_ABORTED;
    }
    return PMPI_Abort(comm, code);
}

/* ---- point to point ---- */

#define SEND_WRAPPER(NAME, KIND)                                                                          \
    int MPI_##NAME(const void* buf, int count, MPI_Datatype type, int dest, int tag, MPI_Comm comm) {    \
        ENTER(KIND, comm);                                                                                \
        if (rec) {                                                                                        \
            rec->u.call.peer = rank_of(dest);                                                             \
            rec->u.call.tag = tag;                                                                        \
            rec->u.call.bytes = type_bytes(count, type);                                                  \
        }                                                                                                 \
        int rc = PMPI_##NAME(buf, count, type, dest, tag, comm);                                          \
        LEAVE();                                                                                          \
        return rc;                                                                                        \
    }
SEND_WRAPPER(Send, REC_SEND)
SEND_WRAPPER(Ssend, REC_SSEND)
SEND_WRAPPER(Bsend, REC_BSEND)
SEND_WRAPPER(Rsend, REC_RSEND)

#define ISEND_WRAPPER(NAME, KIND)                                                                          \
    int MPI_##NAME(const void* buf, int count, MPI_Datatype type, int dest, int tag, MPI_Comm comm,       \
                   MPI_Request* req) {                                                                     \
        ENTER(KIND, comm);                                                                                 \
        int rc = PMPI_##NAME(buf, count, type, dest, tag, comm, req);                                      \
        if (rec) {                                                                                         \
            rec->u.call.peer = rank_of(dest);                                                              \
            rec->u.call.tag = tag;                                                                         \
            rec->u.call.bytes = type_bytes(count, type);                                                   \
            if (rc == MPI_SUCCESS) rec->u.call.request = request_started(*req, KIND);                      \
        }                                                                                                  \
        LEAVE();                                                                                           \
        return rc;                                                                                         \
    }
ISEND_WRAPPER(Isend, REC_ISEND)
ISEND_WRAPPER(Issend, REC_ISSEND)
ISEND_WRAPPER(Ibsend, REC_IBSEND)
ISEND_WRAPPER(Irsend, REC_IRSEND)

static void note_status(struct mpilab_record* rec, const MPI_Status* status) {
    int count = 0;
    rec->u.call.source = rank_of(status->MPI_SOURCE);
    rec->u.call.status_tag = status->MPI_TAG;
    if (PMPI_Get_count(status, MPI_BYTE, &count) == MPI_SUCCESS && count != MPI_UNDEFINED) rec->u.call.extra = count;
}

int MPI_Recv(void* buf, int count, MPI_Datatype type, int source, int tag, MPI_Comm comm, MPI_Status* status) {
    ENTER(REC_RECV, comm);
    MPI_Status local;
    if (rec) {
        rec->u.call.peer = rank_of(source);
        rec->u.call.tag = tag_of(tag);
        rec->u.call.bytes = type_bytes(count, type);
        if (status == MPI_STATUS_IGNORE) status = &local;
    }
    int rc = PMPI_Recv(buf, count, type, source, tag, comm, status);
    if (rec && rc == MPI_SUCCESS) note_status(rec, status);
    LEAVE();
    return rc;
}

int MPI_Sendrecv(const void* sendbuf, int sendcount, MPI_Datatype sendtype, int dest, int sendtag, void* recvbuf,
                 int recvcount, MPI_Datatype recvtype, int source, int recvtag, MPI_Comm comm, MPI_Status* status) {
    ENTER(REC_SENDRECV, comm);
    MPI_Status local;
    if (rec) {
        rec->u.call.peer = rank_of(dest);
        rec->u.call.tag = sendtag;
        rec->u.call.bytes = type_bytes(sendcount, sendtype);
        rec->u.call.recv_peer = rank_of(source);
        rec->u.call.request = (uint32_t)tag_of(recvtag);   /* sendrecv creates no request: its receive tag */
        if (status == MPI_STATUS_IGNORE) status = &local;
    }
    int rc = PMPI_Sendrecv(sendbuf, sendcount, sendtype, dest, sendtag, recvbuf, recvcount, recvtype, source, recvtag,
                           comm, status);
    if (rec && rc == MPI_SUCCESS) note_status(rec, status);
    LEAVE();
    return rc;
}

int MPI_Sendrecv_replace(void* buf, int count, MPI_Datatype type, int dest, int sendtag, int source, int recvtag,
                         MPI_Comm comm, MPI_Status* status) {
    ENTER(REC_SENDRECV, comm);
    MPI_Status local;
    if (rec) {
        rec->u.call.peer = rank_of(dest);
        rec->u.call.tag = sendtag;
        rec->u.call.bytes = type_bytes(count, type);
        rec->u.call.recv_peer = rank_of(source);
        rec->u.call.request = (uint32_t)tag_of(recvtag);
        if (status == MPI_STATUS_IGNORE) status = &local;
    }
    int rc = PMPI_Sendrecv_replace(buf, count, type, dest, sendtag, source, recvtag, comm, status);
    if (rec && rc == MPI_SUCCESS) note_status(rec, status);
    LEAVE();
    return rc;
}

int MPI_Irecv(void* buf, int count, MPI_Datatype type, int source, int tag, MPI_Comm comm, MPI_Request* req) {
    ENTER(REC_IRECV, comm);
    int rc = PMPI_Irecv(buf, count, type, source, tag, comm, req);
    if (rec) {
        rec->u.call.peer = rank_of(source);
        rec->u.call.tag = tag_of(tag);
        rec->u.call.bytes = type_bytes(count, type);
        if (rc == MPI_SUCCESS) rec->u.call.request = request_started(*req, REC_IRECV);
    }
    LEAVE();
    return rc;
}

int MPI_Probe(int source, int tag, MPI_Comm comm, MPI_Status* status) {
    ENTER(REC_PROBE, comm);
    MPI_Status local;
    if (rec) {
        rec->u.call.peer = rank_of(source);
        rec->u.call.tag = tag_of(tag);
        if (status == MPI_STATUS_IGNORE) status = &local;
    }
    int rc = PMPI_Probe(source, tag, comm, status);
    if (rec && rc == MPI_SUCCESS) note_status(rec, status);
    LEAVE();
    return rc;
}

int MPI_Iprobe(int source, int tag, MPI_Comm comm, int* flag, MPI_Status* status) {
    ENTER(REC_IPROBE, comm);
    MPI_Status local;
    if (rec) {
        rec->u.call.peer = rank_of(source);
        rec->u.call.tag = tag_of(tag);
        if (status == MPI_STATUS_IGNORE) status = &local;
    }
    int rc = PMPI_Iprobe(source, tag, comm, flag, status);
    if (rec && rc == MPI_SUCCESS && *flag) note_status(rec, status);
    LEAVE();
    return rc;
}

/* ---- persistent requests: Start records the Isend / Irecv it begins ---- */

static int persistent_init(int rc, MPI_Request* req, int kind, int peer, int tag, MPI_Comm comm, int64_t bytes) {
    if (!header || rc != MPI_SUCCESS) return rc;
    struct request_entry* e = request_add(*req);
    if (e) {
        e->persistent = 1;
        e->kind = (uint8_t)kind;
        e->peer = rank_of(peer);
        e->tag = kind == REC_IRECV ? tag_of(tag) : tag;
        e->comm = comm_id(comm);
        e->bytes = bytes;
    }
    return rc;
}

#define SEND_INIT_WRAPPER(NAME, KIND)                                                                              \
    int MPI_##NAME(const void* buf, int count, MPI_Datatype type, int dest, int tag, MPI_Comm comm,               \
                   MPI_Request* req) {                                                                             \
        return persistent_init(PMPI_##NAME(buf, count, type, dest, tag, comm, req), req, KIND, dest, tag, comm,    \
                               type_bytes(count, type));                                                           \
    }
SEND_INIT_WRAPPER(Send_init, REC_ISEND)
SEND_INIT_WRAPPER(Ssend_init, REC_ISSEND)
SEND_INIT_WRAPPER(Bsend_init, REC_IBSEND)
SEND_INIT_WRAPPER(Rsend_init, REC_IRSEND)

int MPI_Recv_init(void* buf, int count, MPI_Datatype type, int source, int tag, MPI_Comm comm, MPI_Request* req) {
    return persistent_init(PMPI_Recv_init(buf, count, type, source, tag, comm, req), req, REC_IRECV, source, tag, comm,
                           type_bytes(count, type));
}

static void record_start(MPI_Request req, uint64_t address) {
    struct request_entry* e = request_find(req);
    if (!header || depth > 0 || !e || !e->persistent) return;
    struct mpilab_record* r = rec_alloc();
    if (!r) return;
    e->id = ++request_ids;
    r->enter_ns = now_ns();
    r->leave_ns = r->enter_ns + 1;
    r->u.call.kind = e->kind;
    r->u.call.flags = REC_FLAG_PERSISTENT;
    r->u.call.address = address;
    r->u.call.comm = e->comm;
    r->u.call.peer = e->peer;
    r->u.call.tag = e->tag;
    r->u.call.bytes = e->bytes;
    r->u.call.source = MPILAB_REC_NO_PEER;
    r->u.call.recv_peer = MPILAB_REC_NO_PEER;
    r->u.call.request = e->id;
    header->progress++;
}

int MPI_Start(MPI_Request* req) {
    record_start(*req, RET_ADDR);
    return PMPI_Start(req);
}

int MPI_Startall(int n, MPI_Request reqs[]) {
    for (int i = 0; i < n; ++i) record_start(reqs[i], RET_ADDR);
    return PMPI_Startall(n, reqs);
}

int MPI_Request_free(MPI_Request* req) {
    struct request_entry* e = request_find(*req);
    if (e) request_remove(e);
    return PMPI_Request_free(req);
}

/* ---- completion ---- */

int MPI_Wait(MPI_Request* req, MPI_Status* status) {
    struct request_entry* e = request_find(*req);
    ENTER(REC_WAIT, MPI_COMM_NULL);
    MPI_Status local;
    if (status == MPI_STATUS_IGNORE) status = &local;
    if (rec && e) rec->u.call.request = e->id;
    int rc = PMPI_Wait(req, status);
    if (rc == MPI_SUCCESS) request_completed(e, status);
    LEAVE();
    return rc;
}

int MPI_Test(MPI_Request* req, int* flag, MPI_Status* status) {
    struct request_entry* e = request_find(*req);
    ENTER(REC_TEST, MPI_COMM_NULL);
    MPI_Status local;
    if (status == MPI_STATUS_IGNORE) status = &local;
    if (rec && e) rec->u.call.request = e->id;
    int rc = PMPI_Test(req, flag, status);
    if (rc == MPI_SUCCESS && *flag) request_completed(e, status);
    LEAVE();
    return rc;
}

static MPI_Status* statuses_for(MPI_Status* given, MPI_Status* local, int n) {
    if (given != MPI_STATUSES_IGNORE) return given;
    return n <= 64 ? local : malloc(sizeof(MPI_Status) * (size_t)n);
}

int MPI_Waitall(int n, MPI_Request reqs[], MPI_Status statuses[]) {
    ENTER(REC_WAITALL, MPI_COMM_NULL);
    MPI_Status local[64];
    MPI_Status* st = statuses_for(statuses, local, n);
    struct request_entry** e = lookup_all(reqs, n);
    if (rec) rec->u.call.extra = n;
    record_waits_on(reqs, n);
    int rc = PMPI_Waitall(n, reqs, st);
    if (rc == MPI_SUCCESS)
        for (int i = 0; i < n; ++i) request_completed(e[i], &st[i]);
    free_lookup(e);
    if (st != statuses && st != local) free(st);
    LEAVE();
    return rc;
}

int MPI_Testall(int n, MPI_Request reqs[], int* flag, MPI_Status statuses[]) {
    ENTER(REC_TESTALL, MPI_COMM_NULL);
    MPI_Status local[64];
    MPI_Status* st = statuses_for(statuses, local, n);
    struct request_entry** e = lookup_all(reqs, n);
    if (rec) rec->u.call.extra = n;
    record_waits_on(reqs, n);
    int rc = PMPI_Testall(n, reqs, flag, st);
    if (rc == MPI_SUCCESS && *flag)
        for (int i = 0; i < n; ++i) request_completed(e[i], &st[i]);
    free_lookup(e);
    if (st != statuses && st != local) free(st);
    LEAVE();
    return rc;
}

int MPI_Waitany(int n, MPI_Request reqs[], int* index, MPI_Status* status) {
    ENTER(REC_WAITANY, MPI_COMM_NULL);
    MPI_Status local;
    if (status == MPI_STATUS_IGNORE) status = &local;
    struct request_entry** e = lookup_all(reqs, n);
    if (rec) rec->u.call.extra = n;
    record_waits_on(reqs, n);
    int rc = PMPI_Waitany(n, reqs, index, status);
    if (rc == MPI_SUCCESS && *index != MPI_UNDEFINED) request_completed(e[*index], status);
    free_lookup(e);
    LEAVE();
    return rc;
}

int MPI_Testany(int n, MPI_Request reqs[], int* index, int* flag, MPI_Status* status) {
    ENTER(REC_TESTANY, MPI_COMM_NULL);
    MPI_Status local;
    if (status == MPI_STATUS_IGNORE) status = &local;
    struct request_entry** e = lookup_all(reqs, n);
    if (rec) rec->u.call.extra = n;
    record_waits_on(reqs, n);
    int rc = PMPI_Testany(n, reqs, index, flag, status);
    if (rc == MPI_SUCCESS && *flag && *index != MPI_UNDEFINED) request_completed(e[*index], status);
    free_lookup(e);
    LEAVE();
    return rc;
}

static int some_wrapper(int kind, int n, MPI_Request reqs[], int* outcount, int indices[], MPI_Status statuses[]) {
    MPI_Status local[64];
    MPI_Status* st = statuses_for(statuses, local, n);
    struct request_entry** e = lookup_all(reqs, n);
    record_waits_on(reqs, n);
    int rc = kind == REC_WAITSOME ? PMPI_Waitsome(n, reqs, outcount, indices, st)
                                  : PMPI_Testsome(n, reqs, outcount, indices, st);
    if (rc == MPI_SUCCESS && *outcount != MPI_UNDEFINED)
        for (int i = 0; i < *outcount; ++i) request_completed(e[indices[i]], &st[i]);
    free_lookup(e);
    if (st != statuses && st != local) free(st);
    return rc;
}

int MPI_Waitsome(int n, MPI_Request reqs[], int* outcount, int indices[], MPI_Status statuses[]) {
    ENTER(REC_WAITSOME, MPI_COMM_NULL);
    if (rec) rec->u.call.extra = n;
    int rc = some_wrapper(REC_WAITSOME, n, reqs, outcount, indices, statuses);
    LEAVE();
    return rc;
}

int MPI_Testsome(int n, MPI_Request reqs[], int* outcount, int indices[], MPI_Status statuses[]) {
    ENTER(REC_TESTSOME, MPI_COMM_NULL);
    if (rec) rec->u.call.extra = n;
    int rc = some_wrapper(REC_TESTSOME, n, reqs, outcount, indices, statuses);
    LEAVE();
    return rc;
}

/* ---- collectives: peer = root, bytes = what this process contributes ---- */

#define COLLECTIVE_BEGIN(KIND, COMM, ROOT, BYTES) \
    ENTER(KIND, COMM);                              \
    if (rec) {                                      \
        rec->u.call.peer = (ROOT);                  \
        rec->u.call.bytes = (BYTES);                \
    }

static int comm_size_of(MPI_Comm comm) {
    int size = 0;
    PMPI_Comm_size(comm, &size);
    return size;
}

static int64_t counts_bytes(const int* counts, MPI_Datatype type, MPI_Comm comm) {
    int64_t total = 0;
    int n = comm_size_of(comm);
    for (int i = 0; i < n; ++i) total += type_bytes(counts[i], type);
    return total;
}

/* A blocking collective and its non-blocking form, which takes the same parameters and the request it
 * returns, recorded like an Isend: its request id, completed by the wait or test that sees it done.
 * PARAMS and ARGS name the blocking form's parameter and argument lists. */
#define COLLECTIVE_PAIR(NAME, KIND, INAME, IKIND, PARAMS, ARGS, ROOT, BYTES)                    \
    int MPI_##NAME(PARAMS) {                                                                      \
        COLLECTIVE_BEGIN(KIND, comm, ROOT, BYTES)                                                 \
        int rc = PMPI_##NAME(ARGS);                                                               \
        LEAVE();                                                                                  \
        return rc;                                                                                \
    }                                                                                             \
    int MPI_##INAME(PARAMS, MPI_Request* req) {                                                   \
        COLLECTIVE_BEGIN(IKIND, comm, ROOT, BYTES)                                                \
        int rc = PMPI_##INAME(ARGS, req);                                                         \
        if (rec && rc == MPI_SUCCESS) rec->u.call.request = request_started(*req, IKIND);        \
        LEAVE();                                                                                  \
        return rc;                                                                                \
    }

#define BARRIER_PARAMS MPI_Comm comm
#define BARRIER_ARGS comm
COLLECTIVE_PAIR(Barrier, REC_BARRIER, Ibarrier, REC_IBARRIER, BARRIER_PARAMS, BARRIER_ARGS, MPILAB_REC_NO_PEER, 0)

#define BCAST_PARAMS void* buf, int count, MPI_Datatype type, int root, MPI_Comm comm
#define BCAST_ARGS buf, count, type, root, comm
COLLECTIVE_PAIR(Bcast, REC_BCAST, Ibcast, REC_IBCAST, BCAST_PARAMS, BCAST_ARGS, root, type_bytes(count, type))

#define REDUCE_PARAMS const void* sendbuf, void* recvbuf, int count, MPI_Datatype type, MPI_Op op, int root, MPI_Comm comm
#define REDUCE_ARGS sendbuf, recvbuf, count, type, op, root, comm
COLLECTIVE_PAIR(Reduce, REC_REDUCE, Ireduce, REC_IREDUCE, REDUCE_PARAMS, REDUCE_ARGS, root, type_bytes(count, type))

/* Allreduce, Scan and Exscan */
#define ALLREDUCE_PARAMS const void* sendbuf, void* recvbuf, int count, MPI_Datatype type, MPI_Op op, MPI_Comm comm
#define ALLREDUCE_ARGS sendbuf, recvbuf, count, type, op, comm
COLLECTIVE_PAIR(Allreduce, REC_ALLREDUCE, Iallreduce, REC_IALLREDUCE, ALLREDUCE_PARAMS, ALLREDUCE_ARGS, MPILAB_REC_NO_PEER,
                type_bytes(count, type))
COLLECTIVE_PAIR(Scan, REC_SCAN, Iscan, REC_ISCAN, ALLREDUCE_PARAMS, ALLREDUCE_ARGS, MPILAB_REC_NO_PEER, type_bytes(count, type))
COLLECTIVE_PAIR(Exscan, REC_EXSCAN, Iexscan, REC_IEXSCAN, ALLREDUCE_PARAMS, ALLREDUCE_ARGS, MPILAB_REC_NO_PEER,
                type_bytes(count, type))

/* Gather and Scatter: a process contributes (gather) or receives (scatter) one block */
#define GATHER_PARAMS const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount, \
                      MPI_Datatype recvtype, int root, MPI_Comm comm
#define GATHER_ARGS sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, root, comm
COLLECTIVE_PAIR(Gather, REC_GATHER, Igather, REC_IGATHER, GATHER_PARAMS, GATHER_ARGS, root, type_bytes(sendcount, sendtype))
COLLECTIVE_PAIR(Scatter, REC_SCATTER, Iscatter, REC_ISCATTER, GATHER_PARAMS, GATHER_ARGS, root, type_bytes(recvcount, recvtype))

#define GATHERV_PARAMS const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, const int recvcounts[], \
                       const int displs[], MPI_Datatype recvtype, int root, MPI_Comm comm
#define GATHERV_ARGS sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype, root, comm
COLLECTIVE_PAIR(Gatherv, REC_GATHERV, Igatherv, REC_IGATHERV, GATHERV_PARAMS, GATHERV_ARGS, root, type_bytes(sendcount, sendtype))

#define SCATTERV_PARAMS const void* sendbuf, const int sendcounts[], const int displs[], MPI_Datatype sendtype, \
                        void* recvbuf, int recvcount, MPI_Datatype recvtype, int root, MPI_Comm comm
#define SCATTERV_ARGS sendbuf, sendcounts, displs, sendtype, recvbuf, recvcount, recvtype, root, comm
COLLECTIVE_PAIR(Scatterv, REC_SCATTERV, Iscatterv, REC_ISCATTERV, SCATTERV_PARAMS, SCATTERV_ARGS, root,
                type_bytes(recvcount, recvtype))

/* Allgather and Alltoall: the block it contributes, or the blocks it sends to every process */
#define ALLGATHER_PARAMS const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, int recvcount, \
                         MPI_Datatype recvtype, MPI_Comm comm
#define ALLGATHER_ARGS sendbuf, sendcount, sendtype, recvbuf, recvcount, recvtype, comm
COLLECTIVE_PAIR(Allgather, REC_ALLGATHER, Iallgather, REC_IALLGATHER, ALLGATHER_PARAMS, ALLGATHER_ARGS, MPILAB_REC_NO_PEER,
                type_bytes(sendcount, sendtype))
COLLECTIVE_PAIR(Alltoall, REC_ALLTOALL, Ialltoall, REC_IALLTOALL, ALLGATHER_PARAMS, ALLGATHER_ARGS, MPILAB_REC_NO_PEER,
                type_bytes(sendcount, sendtype) * comm_size_of(comm))

#define ALLGATHERV_PARAMS const void* sendbuf, int sendcount, MPI_Datatype sendtype, void* recvbuf, \
                          const int recvcounts[], const int displs[], MPI_Datatype recvtype, MPI_Comm comm
#define ALLGATHERV_ARGS sendbuf, sendcount, sendtype, recvbuf, recvcounts, displs, recvtype, comm
COLLECTIVE_PAIR(Allgatherv, REC_ALLGATHERV, Iallgatherv, REC_IALLGATHERV, ALLGATHERV_PARAMS, ALLGATHERV_ARGS,
                MPILAB_REC_NO_PEER, type_bytes(sendcount, sendtype))

#define ALLTOALLV_PARAMS const void* sendbuf, const int sendcounts[], const int sdispls[], MPI_Datatype sendtype, \
                         void* recvbuf, const int recvcounts[], const int rdispls[], MPI_Datatype recvtype, MPI_Comm comm
#define ALLTOALLV_ARGS sendbuf, sendcounts, sdispls, sendtype, recvbuf, recvcounts, rdispls, recvtype, comm
COLLECTIVE_PAIR(Alltoallv, REC_ALLTOALLV, Ialltoallv, REC_IALLTOALLV, ALLTOALLV_PARAMS, ALLTOALLV_ARGS, MPILAB_REC_NO_PEER,
                counts_bytes(sendcounts, sendtype, comm))

#define REDUCE_SCATTER_PARAMS const void* sendbuf, void* recvbuf, const int recvcounts[], MPI_Datatype type, MPI_Op op, \
                              MPI_Comm comm
#define REDUCE_SCATTER_ARGS sendbuf, recvbuf, recvcounts, type, op, comm
COLLECTIVE_PAIR(Reduce_scatter, REC_REDUCE_SCATTER, Ireduce_scatter, REC_IREDUCE_SCATTER, REDUCE_SCATTER_PARAMS,
                REDUCE_SCATTER_ARGS, MPILAB_REC_NO_PEER, counts_bytes(recvcounts, type, comm))

#define REDUCE_SCATTER_BLOCK_PARAMS const void* sendbuf, void* recvbuf, int recvcount, MPI_Datatype type, MPI_Op op, \
                                    MPI_Comm comm
#define REDUCE_SCATTER_BLOCK_ARGS sendbuf, recvbuf, recvcount, type, op, comm
COLLECTIVE_PAIR(Reduce_scatter_block, REC_REDUCE_SCATTER_BLOCK, Ireduce_scatter_block, REC_IREDUCE_SCATTER_BLOCK,
                REDUCE_SCATTER_BLOCK_PARAMS, REDUCE_SCATTER_BLOCK_ARGS, MPILAB_REC_NO_PEER,
                type_bytes(recvcount, type) * comm_size_of(comm))

/* ---- communicators ---- */

int MPI_Comm_dup(MPI_Comm comm, MPI_Comm* newcomm) {
    ENTER(REC_COMM_DUP, comm);
    int parent = comm_id(comm);
    int rc = PMPI_Comm_dup(comm, newcomm);
    if (rc == MPI_SUCCESS && header && depth == 1) {
        uint16_t id = comm_register(*newcomm, parent);
        if (rec) rec->u.call.extra = id;
    }
    LEAVE();
    return rc;
}

int MPI_Comm_split(MPI_Comm comm, int color, int key, MPI_Comm* newcomm) {
    ENTER(REC_COMM_SPLIT, comm);
    int parent = comm_id(comm);
    int rc = PMPI_Comm_split(comm, color, key, newcomm);
    if (rc == MPI_SUCCESS && header && depth == 1) {
        uint16_t id = comm_register(*newcomm, parent);
        if (rec) rec->u.call.extra = id;
    }
    LEAVE();
    return rc;
}

int MPI_Comm_free(MPI_Comm* comm) {
    ENTER(REC_COMM_FREE, *comm);
    comm_forget(*comm);
    int rc = PMPI_Comm_free(comm);
    LEAVE();
    return rc;
}

/* Communicators made by calls that are not recorded as calls: registered as children of their parent. */
int MPI_Comm_create(MPI_Comm comm, MPI_Group group, MPI_Comm* newcomm) {
    int rc = PMPI_Comm_create(comm, group, newcomm);
    if (rc == MPI_SUCCESS && header && depth == 0) comm_register(*newcomm, comm_id(comm));
    return rc;
}

int MPI_Comm_split_type(MPI_Comm comm, int type, int key, MPI_Info info, MPI_Comm* newcomm) {
    int rc = PMPI_Comm_split_type(comm, type, key, info, newcomm);
    if (rc == MPI_SUCCESS && header && depth == 0) comm_register(*newcomm, comm_id(comm));
    return rc;
}

int MPI_Cart_create(MPI_Comm comm, int ndims, const int dims[], const int periods[], int reorder, MPI_Comm* newcomm) {
    int rc = PMPI_Cart_create(comm, ndims, dims, periods, reorder, newcomm);
    if (rc == MPI_SUCCESS && header && depth == 0) comm_register(*newcomm, comm_id(comm));
    return rc;
}

int MPI_Cart_sub(MPI_Comm comm, const int remain_dims[], MPI_Comm* newcomm) {
    int rc = PMPI_Cart_sub(comm, remain_dims, newcomm);
    if (rc == MPI_SUCCESS && header && depth == 0) comm_register(*newcomm, comm_id(comm));
    return rc;
}
