// The one visible decision of a send — eager or rendezvous — and the delivery of a payload into a
// receive, with the checks a student's mistakes trip: element type and count.
#pragma once

#include "config.hpp"
#include "matching.hpp"
#include "request.hpp"

#include <optional>
#include <string>

namespace mpilab {

// Eager if and only if the send is standard (not synchronous), bytes <= eager_threshold, and the
// receiver's buffer (if capped) has room; otherwise rendezvous.
Protocol choose_protocol(const Config& config, std::int64_t bytes, bool synchronous, std::int64_t receiver_buffered);

// 80000 -> "80,000": byte counts as a student reads them in reasons and reports.
std::string with_commas(std::int64_t n);
std::string with_commas(std::uint64_t n);   // the whole unsigned range

// Why a send was (or would be) rendezvous, in a student's words.
std::string rendezvous_reason(const Config& config, std::int64_t bytes, bool synchronous, CallKind kind,
                              std::int64_t receiver_buffered);

// What the sender provides: a typed buffer or a generic value in its wire form (core/wire.hpp).
struct Payload {
    bool generic = false;
    const void* data = nullptr;
    std::int64_t count = 0;
    Datatype type{};
    const std::string* text = nullptr;
    std::int64_t text_bytes = 0;   // what the generic value counts for on the wire
    std::int64_t bytes() const { return generic ? text_bytes : count * type.size; }
};

// The payload a send request carries (its typed buffer or its serialised value).
Payload payload_of(const RequestState& send);

struct DeliveryError {
    std::string kind;      // "truncation", "type mismatch"
    std::string detail;    // what was sent and what the receive expected
};

// Copies the payload into the receive, or says why it cannot. Sets the receive's status.
std::optional<DeliveryError> deliver(const Payload& payload, int source_local, int tag, RequestState& receive);

}  // namespace mpilab
