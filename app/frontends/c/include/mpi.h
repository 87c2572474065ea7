/* mpi.h of mpilab: the MPI 3.1 C API, so that a textbook MPI program in C or C++ compiles unchanged
 * and runs on mpilab's simulator (every rank a thread, every call traced, deadlocks explained).
 * Handles are ints (a kind tag in the top byte, an index below), so they compare with == and work in
 * `switch`. Every function of MPI 3.1 that courses use is implemented; the rest (one-sided, MPI-IO,
 * dynamic processes, MPI_T, ...) is declared so that programs compile, and calling it ends the run
 * with an error naming the call. Each call records the caller's file:line (see the end of this file). */
#ifndef MPILAB_MPI_H
#define MPILAB_MPI_H

#include <stddef.h>
#include <stdint.h>

#define MPILAB 1
#define MPILAB_VERSION_STRING "mpilab 0.1.0"

#define MPI_VERSION 3
#define MPI_SUBVERSION 1

#if defined(__cplusplus)
extern "C" {
#endif

/* ---- handles ------------------------------------------------------------------------------- */
typedef int MPI_Comm;
typedef int MPI_Group;
typedef int MPI_Datatype;
typedef int MPI_Op;
typedef int MPI_Request;
typedef int MPI_Errhandler;
typedef int MPI_Info;
typedef int MPI_Message;
typedef int MPI_Win;
typedef int MPI_File;

typedef long MPI_Aint;
typedef long long MPI_Offset;
typedef long long MPI_Count;
typedef int MPI_Fint;

/* What a receive, probe or wait reports. MPI_SOURCE, MPI_TAG and MPI_ERROR are public; the rest is
 * mpilab's (the received size, for MPI_Get_count, and whether the request was cancelled). */
typedef struct MPI_Status {
    int MPI_SOURCE;
    int MPI_TAG;
    int MPI_ERROR;
    int mpilab_cancelled;
    long long mpilab_bytes;
} MPI_Status;

#define MPILAB_HANDLE(kind, index) ((int)(((unsigned)(kind) << 24) | (unsigned)(index)))

/* Communicators */
#define MPI_COMM_NULL  ((MPI_Comm)MPILAB_HANDLE(0x10, 0))
#define MPI_COMM_WORLD ((MPI_Comm)MPILAB_HANDLE(0x10, 1))
#define MPI_COMM_SELF  ((MPI_Comm)MPILAB_HANDLE(0x10, 2))

/* Groups */
#define MPI_GROUP_NULL  ((MPI_Group)MPILAB_HANDLE(0x11, 0))
#define MPI_GROUP_EMPTY ((MPI_Group)MPILAB_HANDLE(0x11, 1))

/* Datatypes: every predefined C (and C++) datatype. */
#define MPILAB_TYPE(i) ((MPI_Datatype)MPILAB_HANDLE(0x12, i))
#define MPI_DATATYPE_NULL          MPILAB_TYPE(0)
#define MPI_CHAR                   MPILAB_TYPE(1)
#define MPI_SIGNED_CHAR            MPILAB_TYPE(2)
#define MPI_UNSIGNED_CHAR          MPILAB_TYPE(3)
#define MPI_BYTE                   MPILAB_TYPE(4)
#define MPI_WCHAR                  MPILAB_TYPE(5)
#define MPI_SHORT                  MPILAB_TYPE(6)
#define MPI_UNSIGNED_SHORT         MPILAB_TYPE(7)
#define MPI_INT                    MPILAB_TYPE(8)
#define MPI_UNSIGNED               MPILAB_TYPE(9)
#define MPI_LONG                   MPILAB_TYPE(10)
#define MPI_UNSIGNED_LONG          MPILAB_TYPE(11)
#define MPI_LONG_LONG_INT          MPILAB_TYPE(12)
#define MPI_LONG_LONG              MPI_LONG_LONG_INT
#define MPI_UNSIGNED_LONG_LONG     MPILAB_TYPE(13)
#define MPI_FLOAT                  MPILAB_TYPE(14)
#define MPI_DOUBLE                 MPILAB_TYPE(15)
#define MPI_LONG_DOUBLE            MPILAB_TYPE(16)
#define MPI_C_BOOL                 MPILAB_TYPE(17)
#define MPI_INT8_T                 MPILAB_TYPE(18)
#define MPI_INT16_T                MPILAB_TYPE(19)
#define MPI_INT32_T                MPILAB_TYPE(20)
#define MPI_INT64_T                MPILAB_TYPE(21)
#define MPI_UINT8_T                MPILAB_TYPE(22)
#define MPI_UINT16_T               MPILAB_TYPE(23)
#define MPI_UINT32_T               MPILAB_TYPE(24)
#define MPI_UINT64_T               MPILAB_TYPE(25)
#define MPI_AINT                   MPILAB_TYPE(26)
#define MPI_OFFSET                 MPILAB_TYPE(27)
#define MPI_COUNT                  MPILAB_TYPE(28)
#define MPI_C_FLOAT_COMPLEX        MPILAB_TYPE(29)
#define MPI_C_COMPLEX              MPI_C_FLOAT_COMPLEX
#define MPI_C_DOUBLE_COMPLEX       MPILAB_TYPE(30)
#define MPI_C_LONG_DOUBLE_COMPLEX  MPILAB_TYPE(31)
#define MPI_PACKED                 MPILAB_TYPE(32)
#define MPI_FLOAT_INT              MPILAB_TYPE(33)
#define MPI_DOUBLE_INT             MPILAB_TYPE(34)
#define MPI_LONG_INT               MPILAB_TYPE(35)
#define MPI_2INT                   MPILAB_TYPE(36)
#define MPI_SHORT_INT              MPILAB_TYPE(37)
#define MPI_LONG_DOUBLE_INT        MPILAB_TYPE(38)
#define MPI_CXX_BOOL               MPILAB_TYPE(39)
#define MPI_CXX_FLOAT_COMPLEX      MPILAB_TYPE(40)
#define MPI_CXX_DOUBLE_COMPLEX     MPILAB_TYPE(41)
#define MPI_CXX_LONG_DOUBLE_COMPLEX MPILAB_TYPE(42)

/* Reduction operations */
#define MPI_OP_NULL ((MPI_Op)MPILAB_HANDLE(0x13, 0))
#define MPI_MAX     ((MPI_Op)MPILAB_HANDLE(0x13, 1))
#define MPI_MIN     ((MPI_Op)MPILAB_HANDLE(0x13, 2))
#define MPI_SUM     ((MPI_Op)MPILAB_HANDLE(0x13, 3))
#define MPI_PROD    ((MPI_Op)MPILAB_HANDLE(0x13, 4))
#define MPI_LAND    ((MPI_Op)MPILAB_HANDLE(0x13, 5))
#define MPI_BAND    ((MPI_Op)MPILAB_HANDLE(0x13, 6))
#define MPI_LOR     ((MPI_Op)MPILAB_HANDLE(0x13, 7))
#define MPI_BOR     ((MPI_Op)MPILAB_HANDLE(0x13, 8))
#define MPI_LXOR    ((MPI_Op)MPILAB_HANDLE(0x13, 9))
#define MPI_BXOR    ((MPI_Op)MPILAB_HANDLE(0x13, 10))
#define MPI_MINLOC  ((MPI_Op)MPILAB_HANDLE(0x13, 11))
#define MPI_MAXLOC  ((MPI_Op)MPILAB_HANDLE(0x13, 12))
#define MPI_REPLACE ((MPI_Op)MPILAB_HANDLE(0x13, 13))
#define MPI_NO_OP   ((MPI_Op)MPILAB_HANDLE(0x13, 14))

/* Error handlers */
#define MPI_ERRHANDLER_NULL  ((MPI_Errhandler)MPILAB_HANDLE(0x14, 0))
#define MPI_ERRORS_ARE_FATAL ((MPI_Errhandler)MPILAB_HANDLE(0x14, 1))
#define MPI_ERRORS_RETURN    ((MPI_Errhandler)MPILAB_HANDLE(0x14, 2))

/* Requests, infos, messages, windows, files */
#define MPI_REQUEST_NULL     ((MPI_Request)MPILAB_HANDLE(0x15, 0))
#define MPI_INFO_NULL        ((MPI_Info)MPILAB_HANDLE(0x16, 0))
#define MPI_INFO_ENV         ((MPI_Info)MPILAB_HANDLE(0x16, 1))
#define MPI_MESSAGE_NULL     ((MPI_Message)MPILAB_HANDLE(0x17, 0))
#define MPI_MESSAGE_NO_PROC  ((MPI_Message)MPILAB_HANDLE(0x17, 1))
#define MPI_WIN_NULL         ((MPI_Win)MPILAB_HANDLE(0x18, 0))
#define MPI_FILE_NULL        ((MPI_File)MPILAB_HANDLE(0x19, 0))

/* ---- special values ----------------------------------------------------------------------- */
#define MPI_ANY_SOURCE (-1)
#define MPI_PROC_NULL  (-2)
#define MPI_ROOT       (-3)
#define MPI_ANY_TAG    (-1)
#define MPI_UNDEFINED  (-32766)
#define MPI_KEYVAL_INVALID (-1)

#define MPI_BOTTOM          ((void *)0)
#define MPI_IN_PLACE        ((void *)-1)
#define MPI_STATUS_IGNORE   ((MPI_Status *)1)
#define MPI_STATUSES_IGNORE ((MPI_Status *)1)
#define MPI_ERRCODES_IGNORE ((int *)0)
#define MPI_ARGV_NULL       ((char **)0)
#define MPI_ARGVS_NULL      ((char ***)0)
#define MPI_UNWEIGHTED      ((int *)1)
#define MPI_WEIGHTS_EMPTY   ((int *)2)

#define MPI_MAX_PROCESSOR_NAME       256
#define MPI_MAX_LIBRARY_VERSION_STRING 256
#define MPI_MAX_ERROR_STRING         512
#define MPI_MAX_OBJECT_NAME          128
#define MPI_MAX_INFO_KEY             255
#define MPI_MAX_INFO_VAL             1024
#define MPI_MAX_PORT_NAME            256
#define MPI_MAX_DATAREP_STRING       128
#define MPI_BSEND_OVERHEAD           96

/* Thread support levels */
#define MPI_THREAD_SINGLE     0
#define MPI_THREAD_FUNNELED   1
#define MPI_THREAD_SERIALIZED 2
#define MPI_THREAD_MULTIPLE   3

/* Results of MPI_Comm_compare and MPI_Group_compare */
#define MPI_IDENT     0
#define MPI_CONGRUENT 1
#define MPI_SIMILAR   2
#define MPI_UNEQUAL   3

/* Topologies (MPI_Topo_test) */
#define MPI_GRAPH      1
#define MPI_CART       2
#define MPI_DIST_GRAPH 3

/* MPI_Comm_split_type */
#define MPI_COMM_TYPE_SHARED 1

/* Predefined attribute keys (MPI_Comm_get_attr on MPI_COMM_WORLD) */
#define MPI_TAG_UB           1
#define MPI_HOST             2
#define MPI_IO               3
#define MPI_WTIME_IS_GLOBAL  4
#define MPI_UNIVERSE_SIZE    5
#define MPI_LASTUSEDCODE     6
#define MPI_APPNUM           7
#define MPI_WIN_BASE         8
#define MPI_WIN_SIZE         9
#define MPI_WIN_DISP_UNIT    10
#define MPI_WIN_CREATE_FLAVOR 11
#define MPI_WIN_MODEL        12

/* Array order and distributions (MPI_Type_create_subarray, MPI_Type_create_darray) */
#define MPI_ORDER_C            56
#define MPI_ORDER_FORTRAN      57
#define MPI_DISTRIBUTE_BLOCK   121
#define MPI_DISTRIBUTE_CYCLIC  122
#define MPI_DISTRIBUTE_NONE    123
#define MPI_DISTRIBUTE_DFLT_DARG (-49767)

/* Type classes (MPI_Type_match_size) */
#define MPI_TYPECLASS_REAL    1
#define MPI_TYPECLASS_INTEGER 2
#define MPI_TYPECLASS_COMPLEX 3

/* Datatype combiners (MPI_Type_get_envelope) */
#define MPI_COMBINER_NAMED          1
#define MPI_COMBINER_DUP            2
#define MPI_COMBINER_CONTIGUOUS     3
#define MPI_COMBINER_VECTOR         4
#define MPI_COMBINER_HVECTOR        5
#define MPI_COMBINER_INDEXED        6
#define MPI_COMBINER_HINDEXED       7
#define MPI_COMBINER_INDEXED_BLOCK  8
#define MPI_COMBINER_HINDEXED_BLOCK 9
#define MPI_COMBINER_STRUCT         10
#define MPI_COMBINER_SUBARRAY       11
#define MPI_COMBINER_DARRAY         12
#define MPI_COMBINER_F90_REAL       13
#define MPI_COMBINER_F90_COMPLEX    14
#define MPI_COMBINER_F90_INTEGER    15
#define MPI_COMBINER_RESIZED        16

/* One-sided communication and files: names only (mpilab does not simulate them) */
#define MPI_MODE_NOCHECK    1024
#define MPI_MODE_NOSTORE    2048
#define MPI_MODE_NOPUT      4096
#define MPI_MODE_NOPRECEDE  8192
#define MPI_MODE_NOSUCCEED  16384
#define MPI_LOCK_EXCLUSIVE  234
#define MPI_LOCK_SHARED     235
#define MPI_WIN_FLAVOR_CREATE   1
#define MPI_WIN_FLAVOR_ALLOCATE 2
#define MPI_WIN_FLAVOR_DYNAMIC  3
#define MPI_WIN_FLAVOR_SHARED   4
#define MPI_WIN_SEPARATE 1
#define MPI_WIN_UNIFIED  2
#define MPI_MODE_RDONLY          2
#define MPI_MODE_RDWR            8
#define MPI_MODE_WRONLY          4
#define MPI_MODE_CREATE          1
#define MPI_MODE_EXCL            64
#define MPI_MODE_DELETE_ON_CLOSE 16
#define MPI_MODE_UNIQUE_OPEN     32
#define MPI_MODE_APPEND          128
#define MPI_MODE_SEQUENTIAL      256
#define MPI_SEEK_SET 600
#define MPI_SEEK_CUR 602
#define MPI_SEEK_END 604
#define MPI_DISPLACEMENT_CURRENT (-54278278)

/* ---- error classes (MPI 3.1, section 8.4, in the standard's order) ------------------------ */
#define MPI_SUCCESS                   0
#define MPI_ERR_BUFFER                1
#define MPI_ERR_COUNT                 2
#define MPI_ERR_TYPE                  3
#define MPI_ERR_TAG                   4
#define MPI_ERR_COMM                  5
#define MPI_ERR_RANK                  6
#define MPI_ERR_REQUEST               7
#define MPI_ERR_ROOT                  8
#define MPI_ERR_GROUP                 9
#define MPI_ERR_OP                    10
#define MPI_ERR_TOPOLOGY              11
#define MPI_ERR_DIMS                  12
#define MPI_ERR_ARG                   13
#define MPI_ERR_UNKNOWN               14
#define MPI_ERR_TRUNCATE              15
#define MPI_ERR_OTHER                 16
#define MPI_ERR_INTERN                17
#define MPI_ERR_IN_STATUS             18
#define MPI_ERR_PENDING               19
#define MPI_ERR_KEYVAL                20
#define MPI_ERR_NO_MEM                21
#define MPI_ERR_BASE                  22
#define MPI_ERR_INFO_KEY              23
#define MPI_ERR_INFO_VALUE            24
#define MPI_ERR_INFO_NOKEY            25
#define MPI_ERR_SPAWN                 26
#define MPI_ERR_PORT                  27
#define MPI_ERR_SERVICE               28
#define MPI_ERR_NAME                  29
#define MPI_ERR_WIN                   30
#define MPI_ERR_SIZE                  31
#define MPI_ERR_DISP                  32
#define MPI_ERR_INFO                  33
#define MPI_ERR_LOCKTYPE              34
#define MPI_ERR_ASSERT                35
#define MPI_ERR_RMA_CONFLICT          36
#define MPI_ERR_RMA_SYNC              37
#define MPI_ERR_RMA_RANGE             38
#define MPI_ERR_RMA_ATTACH            39
#define MPI_ERR_RMA_SHARED            40
#define MPI_ERR_RMA_FLAVOR            41
#define MPI_ERR_FILE                  42
#define MPI_ERR_NOT_SAME              43
#define MPI_ERR_AMODE                 44
#define MPI_ERR_UNSUPPORTED_DATAREP   45
#define MPI_ERR_UNSUPPORTED_OPERATION 46
#define MPI_ERR_NO_SUCH_FILE          47
#define MPI_ERR_FILE_EXISTS           48
#define MPI_ERR_BAD_FILE              49
#define MPI_ERR_ACCESS                50
#define MPI_ERR_NO_SPACE              51
#define MPI_ERR_QUOTA                 52
#define MPI_ERR_READ_ONLY             53
#define MPI_ERR_FILE_IN_USE           54
#define MPI_ERR_DUP_DATAREP           55
#define MPI_ERR_CONVERSION            56
#define MPI_ERR_IO                    57
#define MPI_ERR_LASTCODE              58
#define MPI_T_ERR_INVALID             59

/* ---- callback types ----------------------------------------------------------------------- */
typedef void MPI_User_function(void *invec, void *inoutvec, int *len, MPI_Datatype *datatype);
typedef int MPI_Comm_copy_attr_function(MPI_Comm oldcomm, int comm_keyval, void *extra_state,
                                        void *attribute_val_in, void *attribute_val_out, int *flag);
typedef int MPI_Comm_delete_attr_function(MPI_Comm comm, int comm_keyval, void *attribute_val, void *extra_state);
typedef void MPI_Comm_errhandler_function(MPI_Comm *comm, int *error_code, ...);
typedef MPI_Comm_errhandler_function MPI_Handler_function;   /* MPI-1 name */
typedef int MPI_Copy_function(MPI_Comm oldcomm, int keyval, void *extra_state, void *attribute_val_in,
                              void *attribute_val_out, int *flag);
typedef int MPI_Delete_function(MPI_Comm comm, int keyval, void *attribute_val, void *extra_state);
typedef int MPI_Type_copy_attr_function(MPI_Datatype oldtype, int type_keyval, void *extra_state,
                                        void *attribute_val_in, void *attribute_val_out, int *flag);
typedef int MPI_Type_delete_attr_function(MPI_Datatype datatype, int type_keyval, void *attribute_val,
                                          void *extra_state);
typedef int MPI_Win_copy_attr_function(MPI_Win oldwin, int win_keyval, void *extra_state,
                                       void *attribute_val_in, void *attribute_val_out, int *flag);
typedef int MPI_Win_delete_attr_function(MPI_Win win, int win_keyval, void *attribute_val, void *extra_state);
typedef void MPI_Win_errhandler_function(MPI_Win *win, int *error_code, ...);
typedef void MPI_File_errhandler_function(MPI_File *file, int *error_code, ...);
typedef int MPI_Grequest_query_function(void *extra_state, MPI_Status *status);
typedef int MPI_Grequest_free_function(void *extra_state);
typedef int MPI_Grequest_cancel_function(void *extra_state, int complete);
typedef int MPI_Datarep_extent_function(MPI_Datatype datatype, MPI_Aint *extent, void *extra_state);
typedef int MPI_Datarep_conversion_function(void *userbuf, MPI_Datatype datatype, int count, void *filebuf,
                                            MPI_Offset position, void *extra_state);

/* The predefined attribute callbacks. */
int mpilab_comm_null_copy_fn(MPI_Comm, int, void *, void *, void *, int *);
int mpilab_comm_dup_fn(MPI_Comm, int, void *, void *, void *, int *);
int mpilab_comm_null_delete_fn(MPI_Comm, int, void *, void *);
#define MPI_COMM_NULL_COPY_FN   mpilab_comm_null_copy_fn
#define MPI_COMM_DUP_FN         mpilab_comm_dup_fn
#define MPI_COMM_NULL_DELETE_FN mpilab_comm_null_delete_fn
#define MPI_NULL_COPY_FN        mpilab_comm_null_copy_fn
#define MPI_DUP_FN              mpilab_comm_dup_fn
#define MPI_NULL_DELETE_FN      mpilab_comm_null_delete_fn
#define MPI_TYPE_NULL_COPY_FN   ((MPI_Type_copy_attr_function *)0)
#define MPI_TYPE_NULL_DELETE_FN ((MPI_Type_delete_attr_function *)0)
#define MPI_WIN_NULL_COPY_FN    ((MPI_Win_copy_attr_function *)0)
#define MPI_WIN_NULL_DELETE_FN  ((MPI_Win_delete_attr_function *)0)
#define MPI_CONVERSION_FN_NULL  ((MPI_Datarep_conversion_function *)0)

/* MPI_T (the tool information interface): types only. */
typedef int MPI_T_enum;
typedef int MPI_T_cvar_handle;
typedef int MPI_T_pvar_handle;
typedef int MPI_T_pvar_session;

/* ---- the functions ------------------------------------------------------------------------ */
/* Every function also exists as PMPI_<name> (the profiling interface). */
#define MPILAB_FN(ret, name, params) ret name params; ret P##name params;
#define MPILAB_UNSUPPORTED(ret, name, params, what) ret name params; ret P##name params;
#include "mpilab/mpi_functions.h"
#undef MPILAB_FN
#undef MPILAB_UNSUPPORTED

/* mpilab's own additions (not MPI): MPIX_Compute advances this rank's virtual clock by `seconds` of
 * simulated computation (as the C++ API's compute() does: the rank's own work costs no virtual time
 * otherwise); mpilab_at records the call site the next MPI call reports (see below). */
int MPIX_Compute(double seconds);
void mpilab_at(const char *file, int line, const char *function);

#if defined(__cplusplus)
}
#endif

/* ---- the caller's source line --------------------------------------------------------------- */
/* Each MPI function is also a function-like macro that first records the call site, so that the
 * trace, the deadlock report and errors name the program's own file:line. A function-like macro does
 * not recurse, so `&MPI_Send` and `(MPI_Send)(...)` still reach the function itself, and the comma
 * expression keeps the call's value. Define MPILAB_NO_LOCATION_MACROS before including mpi.h to
 * turn this off (calls then report no source line). */
#if !defined(MPILAB_NO_LOCATION_MACROS)
#if defined(__GNUC__) || defined(__clang__)
#define MPILAB_AT() mpilab_at(__FILE__, __LINE__, __builtin_FUNCTION())
#else
#define MPILAB_AT() mpilab_at(__FILE__, __LINE__, "")
#endif
#include "mpilab/mpi_locations.h"
#define MPIX_Compute(...) (MPILAB_AT(), MPIX_Compute(__VA_ARGS__))
#endif

#endif /* MPILAB_MPI_H */
