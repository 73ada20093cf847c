// The session reader: any text yields a session or an error, never a crash; a session it
// accepts, written back, reads again as the same session (the round trip a PNG relies on).
#include <cstdint>
#include <cstdlib>
#include <string>

#include "session.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const geo::SessionReadResult first = geo::parse_session(text, "/fuzz");
  if (!first.ok()) return 0;
  geo::SessionReadResult again = geo::parse_session(geo::session_json_compact(first.session, "/fuzz"), "/fuzz");
  if (!again.ok()) std::abort();
  again.session.version = first.session.version;  // a newer version's file is written back as this version's
  if (!(again.session == first.session)) std::abort();
  return 0;
}
