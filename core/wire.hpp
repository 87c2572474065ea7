// The wire form of a generic value — what a lowercase call or a generic collective sends — and the
// size it counts for, which decides eager vs rendezvous and is what the trace records:
//  - a JSON value travels as its JSON text and counts its length;
//  - a binary value (Value::binary: an object a front end serialised itself, such as a Python pickle)
//    travels as its bytes and counts exactly their number, so its messages weigh what they weigh
//    under the front end's own MPI;
//  - an array whose items are all binary (several blocks a collective sends in one message) counts
//    the sum of its items, as MPI's gatherv of the concatenated bytes would;
//  - any other value holding binary parts counts the length of its CBOR encoding.
// Invariant: decode_value(encode_value(v).text) == v. JSON text never starts with a control byte, so
// the first byte tells the forms apart.
#pragma once

#include "types.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace mpilab {

struct WireValue {
    std::string text;         // what travels
    std::int64_t bytes = 0;   // what it counts for
};

WireValue encode_value(const Value& value);
Value decode_value(std::string_view text);
// encode_value(value).bytes, without building the text of a binary value.
std::int64_t wire_bytes(const Value& value);

}  // namespace mpilab
