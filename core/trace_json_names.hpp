// How the trace JSON spells mpilab's enums and flags, shared by its export and import (internal: included
// only by trace_json_*.cpp). Call names come from the runtime's own call_name(), so the JSON and the
// reports always agree. Invariant: every name maps back to exactly one value.
#pragma once

#include "trace.hpp"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>

namespace mpilab::trace_json_names {

inline constexpr std::size_t kCallKinds = static_cast<std::size_t>(CallKind::Count_);

struct CallNameInfo {
    CallKind kind;
    bool generic;     // the lowercase spelling of a call that has two flavours
    bool flavoured;   // the call has distinct typed and generic spellings
};

// Built once from the runtime's own naming functions, so the JSON always spells calls as reports do.
struct NameTables {
    std::array<std::array<std::string, 2>, kCallKinds> call;   // [kind][generic]
    std::unordered_map<std::string_view, CallNameInfo> call_by_name;

    NameTables() {
        for (std::size_t k = 0; k < kCallKinds; ++k) {
            auto kind = static_cast<CallKind>(k);
            call[k][0] = mpilab::call_name(kind, false);
            call[k][1] = mpilab::call_name(kind, true);
            bool flavoured = call[k][0] != call[k][1];
            call_by_name.emplace(call[k][0], CallNameInfo{kind, false, flavoured});
            if (flavoured) call_by_name.emplace(call[k][1], CallNameInfo{kind, true, true});
        }
    }
    std::string_view call_name(CallKind kind, bool generic) const {
        auto k = static_cast<std::size_t>(kind);
        return k < kCallKinds ? std::string_view(call[k][generic ? 1 : 0]) : std::string_view("unknown");
    }
};

inline const NameTables& names() {
    static const NameTables tables;
    return tables;
}

// The names of the eight bits of a flags byte, lowest bit first ("bitN": a bit with no meaning yet).
using FlagNames = std::array<std::string_view, 8>;
inline constexpr FlagNames kCallFlagNames{"generic", "blocked", "unfinished", "failed", "bit4", "bit5", "bit6", "bit7"};
inline constexpr FlagNames kMessageFlagNames{"collective", "generic", "received", "matched", "synchronous",
                                             "bit5",       "bit6",    "bit7"};

// How many values each enum has, for mapping a name back to its value.
inline constexpr int kProtocols = 3;
inline constexpr int kOps = static_cast<int>(OpKind::User) + 1;
inline constexpr int kRankEnds = static_cast<int>(RankEnd::Aborted) + 1;
inline constexpr int kStatuses = static_cast<int>(OutcomeStatus::Cancelled) + 1;
inline constexpr int kTypeKinds = static_cast<int>(TypeKind::Generic) + 1;

inline std::string_view arc_kind_name(ArcKind k) { return k == ArcKind::Or ? "or" : "and"; }

}  // namespace mpilab::trace_json_names
