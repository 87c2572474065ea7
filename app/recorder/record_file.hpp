// One process's record file read back (preload/record_format.h): its header, its records and its
// executable mappings. A file that is not a record file, is cut short or disagrees with the others of
// its run is a RecordError that names it and says what to do.
#pragma once

#include "app/recorder/preload/record_format.h"

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace mpilab::recorder {

struct RecordError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// One executable mapping of the process: [start, end) maps `path` from file offset `offset`.
struct Mapping {
    std::uint64_t start = 0, end = 0, offset = 0;
    std::string path;
};

// The header's fields, copied out of the file (the header itself has volatile fields the process updates).
struct ProcessInfo {
    int rank = 0, size = 0, pid = 0;
    int state = 0;                      // enum mpilab_rec_state
    bool in_call = false;
    bool overflow = false;
    int signal = 0;
    std::uint64_t signal_address = 0;
    int abort_code = 0;
    std::uint64_t abort_address = 0;
    int sync_count = 0;
    std::int64_t sync_local_ns[2] = {0, 0}, sync_offset_ns[2] = {0, 0}, sync_error_ns[2] = {0, 0};
    std::uint64_t progress = 0, count = 0;
    std::string mpi, host, exe, error_text;
};

struct ProcessRecord {
    std::string path;
    ProcessInfo info;
    std::vector<mpilab_record> records;
    std::vector<Mapping> maps;
};

// The header alone (for watching a running job); nullopt while the file is not yet complete enough.
std::optional<ProcessInfo> read_process_info(const std::string& path);

ProcessRecord read_process_record(const std::string& path);

// Every rank-N.mpilabrec in `folder` (with its .maps beside it), sorted by rank: one per rank of a run
// of N ranks, or a RecordError that says which are missing or do not belong.
std::vector<ProcessRecord> read_record_folder(const std::string& folder);

// For tests and tools: writes a record file and its maps as the preload library would.
void write_process_record(const std::string& path, const mpilab_record_header& header,
                          const std::vector<mpilab_record>& records, const std::string& maps_text);

}  // namespace mpilab::recorder
