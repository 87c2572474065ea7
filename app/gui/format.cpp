// Text for the views. See format.hpp.
#include "format.hpp"

#include "core/protocol.hpp"

#include <cmath>
#include <cstdio>

namespace mpilab::gui {

std::string format_time(double s) {
    char buf[64];
    double a = std::fabs(s);
    if (a == 0) return "0 s";
    if (a < 1e-6) std::snprintf(buf, sizeof buf, "%.3g ns", s * 1e9);
    else if (a < 1e-3) std::snprintf(buf, sizeof buf, "%.4g \xC2\xB5s", s * 1e6);
    else if (a < 1) std::snprintf(buf, sizeof buf, "%.4g ms", s * 1e3);
    else std::snprintf(buf, sizeof buf, "%.4g s", s);
    return buf;
}

std::string format_count(std::uint64_t n) { return with_commas(n); }

std::string format_bytes(std::int64_t bytes) {
    // The magnitude as unsigned: -INT64_MIN does not fit an int64 (a trace may hold any value).
    const std::uint64_t magnitude = bytes < 0 ? 0 - static_cast<std::uint64_t>(bytes) : static_cast<std::uint64_t>(bytes);
    std::string out = bytes < 0 ? "-" : "";
    if (magnitude < 10 * 1024 * 1024) return out.append(format_count(magnitude)).append(" B");
    double b = static_cast<double>(magnitude) / (1024.0 * 1024);
    const char* units[] = {"MiB", "GiB", "TiB", "PiB", "EiB"};
    int unit = 0;
    while (b >= 1024.0 && unit < 4) {
        b /= 1024.0;
        ++unit;
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, unit == 0 ? "%.1f %s" : "%.2f %s", b, units[unit]);
    return out.append(buf);
}

std::string rank_text(std::int32_t rank) {
    if (rank == ANY_SOURCE) return "any source";
    if (rank == PROC_NULL) return "none";
    return std::to_string(rank);
}

std::string location_text(const Trace& trace, std::uint32_t location) {
    if (location >= trace.locations.size()) return "";
    const auto& loc = trace.locations[location];
    auto slash = loc.file.rfind('/');
    std::string name = slash == std::string::npos ? loc.file : loc.file.substr(slash + 1);
    return name + ":" + std::to_string(loc.line);
}

std::string describe_call(const Trace& trace, const CallRecord& c) {
    std::string s = call_name(c.kind, c.generic());
    const bool sends = is_send_call(c.kind);
    const bool receives = is_receive_call(c.kind);
    if (sends) s += " to " + rank_text(c.peer);
    else if (receives) s += " from " + rank_text(c.peer);
    else if (c.kind == CallKind::Sendrecv) s += " with " + rank_text(c.peer);
    else if (is_collective(c.kind) && c.peer >= 0) s += " root " + std::to_string(c.peer);
    if (is_point_to_point(c.kind) && (sends || receives || c.kind == CallKind::Sendrecv)) {
        s += c.tag == ANY_TAG ? ", any tag" : ", tag " + std::to_string(c.tag);
    }
    if (c.bytes > 0) s += ", " + format_bytes(c.bytes);
    if (c.protocol != Protocol::None) s += " (" + std::string(protocol_name(c.protocol)) + ")";
    if (c.op != OpKind::None) s += " op " + std::string(op_name(c.op));
    if (c.algorithm != 0 && c.algorithm < trace.algorithms.size()) s += " [" + trace.algorithms[c.algorithm] + "]";
    if (c.comm != 0 && c.comm < trace.comms.size()) s += " on " + trace.comms[c.comm].name;
    return s;
}

std::string describe_message(const Trace& trace, const MessageRecord& m, bool end_known) {
    std::string s = std::to_string(m.src) + " \xE2\x86\x92 " + std::to_string(m.dst) + ", tag " + std::to_string(m.tag) +
                    ", " + format_bytes(m.bytes) + ", " + std::string(protocol_name(m.protocol));
    if (m.collective()) s += " (collective)";
    if (!m.received() && end_known) s += ", never received";
    return s;
}

}  // namespace mpilab::gui
