// Reading per-process record files: the header is checked field by field before anything is trusted,
// and the record count is capped by what the file really holds (a process killed mid-write leaves a
// sparse or short file).
#include "app/recorder/record_file.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace mpilab::recorder {

static_assert(sizeof(mpilab_record) == MPILAB_RECORD_BYTES, "a record is 64 bytes");
static_assert(sizeof(mpilab_record_header) <= MPILAB_RECORD_HEADER_BYTES, "the header fits its page");
static_assert(offsetof(mpilab_record, u.call.kind) >= offsetof(mpilab_record, u.members) + 10 * sizeof(std::int32_t),
              "a members record's kind lies beyond its members");

namespace {

std::string read_bytes(const std::string& path, std::size_t limit) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw RecordError("cannot open " + path + ": " + std::strerror(errno));
    std::string bytes(limit, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(limit));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
}

template <std::size_t N>
std::string text_field(const char (&field)[N]) {
    return std::string(field, strnlen(field, N));
}

ProcessInfo info_of(const mpilab_record_header& h) {
    ProcessInfo i;
    i.rank = h.world_rank;
    i.size = h.world_size;
    i.pid = h.pid;
    i.state = h.state;
    i.in_call = h.in_call != 0;
    i.overflow = h.overflow != 0;
    i.signal = h.signal;
    i.signal_address = h.signal_address;
    i.abort_code = h.abort_code;
    i.abort_address = h.abort_address;
    i.sync_count = std::clamp(h.sync_count, 0, 2);
    for (int k = 0; k < 2; ++k) {
        i.sync_local_ns[k] = h.sync_local_ns[k];
        i.sync_offset_ns[k] = h.sync_offset_ns[k];
        i.sync_error_ns[k] = h.sync_error_ns[k];
    }
    i.progress = h.progress;
    i.count = h.count;
    i.mpi = text_field(h.mpi);
    i.host = text_field(h.host);
    i.exe = text_field(h.exe);
    i.error_text = text_field(h.error_text);
    return i;
}

std::optional<mpilab_record_header> header_of(const std::string& bytes) {
    if (bytes.size() < sizeof(mpilab_record_header)) return std::nullopt;
    mpilab_record_header h;
    std::memcpy(static_cast<void*>(&h), bytes.data(), sizeof h);
    if (h.magic != MPILAB_RECORD_MAGIC) return std::nullopt;
    return h;
}

std::vector<Mapping> read_maps(const std::string& path) {
    std::vector<Mapping> maps;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream fields(line);
        std::string range, perms, offset, device, inode, file;
        if (!(fields >> range >> perms >> offset >> device >> inode)) continue;
        std::getline(fields >> std::ws, file);
        if (file.empty() || file.front() != '/') continue;   // [vdso], anonymous code
        const auto dash = range.find('-');
        if (dash == std::string::npos) continue;
        try {
            Mapping m;
            m.start = std::stoull(range.substr(0, dash), nullptr, 16);
            m.end = std::stoull(range.substr(dash + 1), nullptr, 16);
            m.offset = std::stoull(offset, nullptr, 16);
            m.path = file;
            maps.push_back(std::move(m));
        } catch (const std::exception&) {
        }
    }
    return maps;
}

}  // namespace

std::optional<ProcessInfo> read_process_info(const std::string& path) {
    std::string bytes;
    try {
        bytes = read_bytes(path, sizeof(mpilab_record_header));
    } catch (const RecordError&) {
        return std::nullopt;
    }
    auto h = header_of(bytes);
    if (!h) return std::nullopt;
    return info_of(*h);
}

ProcessRecord read_process_record(const std::string& path) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path, ec);
    if (ec) throw RecordError("cannot read " + path + ": " + ec.message());
    std::string head = read_bytes(path, MPILAB_RECORD_HEADER_BYTES);
    auto h = header_of(head);
    if (!h)
        throw RecordError(path + " is not a record file of `mpilab record` (it does not start with one's header; "
                                 "was the run recorded by another version, or is the file damaged?)");
    if (h->version != MPILAB_RECORD_VERSION || h->header_bytes != MPILAB_RECORD_HEADER_BYTES ||
        h->record_bytes != MPILAB_RECORD_BYTES)
        throw RecordError(path + " has record format version " + std::to_string(h->version) + "; this mpilab reads version " +
                          std::to_string(MPILAB_RECORD_VERSION) + ": record the run again with this mpilab");
    if (h->world_size < 1 || h->world_rank < 0 || h->world_rank >= h->world_size)
        throw RecordError(path + " says it is rank " + std::to_string(h->world_rank) + " of " + std::to_string(h->world_size) +
                          ", which cannot be");
    ProcessRecord p;
    p.path = path;
    p.info = info_of(*h);
    const std::uint64_t held = size > MPILAB_RECORD_HEADER_BYTES ? (size - MPILAB_RECORD_HEADER_BYTES) / MPILAB_RECORD_BYTES : 0;
    const std::uint64_t count = std::min<std::uint64_t>(std::uint64_t{h->count}, held);
    std::ifstream in(path, std::ios::binary);
    in.seekg(MPILAB_RECORD_HEADER_BYTES);
    p.records.resize(count);
    in.read(reinterpret_cast<char*>(p.records.data()), static_cast<std::streamsize>(count * MPILAB_RECORD_BYTES));
    p.records.resize(static_cast<std::size_t>(in.gcount()) / MPILAB_RECORD_BYTES);
    p.maps = read_maps(path + ".maps");
    return p;
}

std::vector<ProcessRecord> read_record_folder(const std::string& folder) {
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec))
        throw RecordError(folder + " is not a folder (give the folder the record files were collected in)");
    std::map<int, ProcessRecord> by_rank;
    for (const auto& entry : std::filesystem::directory_iterator(folder, ec)) {
        const std::string name = entry.path().filename().string();
        if (!name.starts_with("rank-") || !name.ends_with(".mpilabrec")) continue;
        ProcessRecord p = read_process_record(entry.path().string());
        const int rank = p.info.rank;
        if (by_rank.count(rank))
            throw RecordError(folder + " holds two record files of rank " + std::to_string(rank) + " (" +
                              by_rank[rank].path + " and " + p.path + "): keep the files of one run only");
        by_rank.emplace(rank, std::move(p));
    }
    if (by_rank.empty())
        throw RecordError(folder + " holds no record files (rank-N.mpilabrec): did the program call MPI_Init under "
                                   "`mpilab record`, and were the files of every host copied there?");
    const int size = by_rank.begin()->second.info.size;
    std::vector<ProcessRecord> out;
    std::string missing;
    for (int rank = 0; rank < size; ++rank) {
        auto it = by_rank.find(rank);
        if (it == by_rank.end()) {
            missing += (missing.empty() ? "" : ", ") + std::to_string(rank);
            continue;
        }
        if (it->second.info.size != size)
            throw RecordError(it->second.path + " belongs to a run of " + std::to_string(it->second.info.size) +
                              " processes, the others to one of " + std::to_string(size) + ": keep the files of one run only");
        out.push_back(std::move(it->second));
    }
    if (!missing.empty())
        throw RecordError(folder + " lacks the record files of rank(s) " + missing + " of " + std::to_string(size) +
                          " (copy rank-N.mpilabrec and rank-N.mpilabrec.maps from every host)");
    if (static_cast<int>(by_rank.size()) > size)
        throw RecordError(folder + " holds record files of ranks beyond " + std::to_string(size - 1) + ": keep the files of one run only");
    return out;
}

void write_process_record(const std::string& path, const mpilab_record_header& header,
                          const std::vector<mpilab_record>& records, const std::string& maps_text) {
    std::string bytes(MPILAB_RECORD_HEADER_BYTES, '\0');
    std::memcpy(bytes.data(), static_cast<const void*>(&header), sizeof header);
    const std::uint64_t count = records.size();   // as the library leaves it: count and capacity cover the records
    std::memcpy(bytes.data() + offsetof(mpilab_record_header, count), &count, sizeof count);
    std::memcpy(bytes.data() + offsetof(mpilab_record_header, capacity), &count, sizeof count);
    bytes.append(reinterpret_cast<const char*>(records.data()), records.size() * sizeof(mpilab_record));
    std::ofstream(path, std::ios::binary) << bytes;
    std::ofstream(path + ".maps") << maps_text;
}

}  // namespace mpilab::recorder
