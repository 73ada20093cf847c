#include "filter.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>

#include "vocab.hpp"

namespace geo {
namespace {

bool any_in(const std::vector<std::string>& values, const std::set<std::string>& wanted) {
  return std::any_of(values.begin(), values.end(), [&](const std::string& v) { return wanted.count(v) > 0; });
}

// Canonical vocabulary first (stable bits and colours), then other values by frequency.
std::vector<std::string> order_values(const std::map<std::string, int>& counts,
                                      std::span<const std::string_view> canonical) {
  std::vector<std::string> out;
  for (std::string_view c : canonical)
    if (counts.count(std::string(c))) out.emplace_back(c);
  std::vector<std::pair<int, std::string>> rest;
  for (const auto& [value, n] : counts)
    if (std::find(out.begin(), out.end(), value) == out.end()) rest.push_back({-n, value});
  std::sort(rest.begin(), rest.end());
  for (auto& [n, value] : rest) out.push_back(value);
  return out;
}

std::uint32_t bits_of(const std::vector<std::string>& values, const std::vector<std::string>& index,
                      unsigned width) {
  // A field's bits, before shifting into place (values past the last bit share it).
  std::uint32_t bits = 0;
  for (const std::string& v : values) {
    auto it = std::find(index.begin(), index.end(), v);
    if (it == index.end()) continue;
    const unsigned i = std::min<unsigned>(static_cast<unsigned>(it - index.begin()), width - 1);
    bits |= 1u << i;
  }
  return bits;
}

std::uint32_t bits_of(const std::set<std::string>& values, const std::vector<std::string>& index, unsigned width) {
  return bits_of(std::vector<std::string>(values.begin(), values.end()), index, width);
}

}  // namespace

bool Filter::matches(const Event& event) const {
  if (!years.empty() && event.timed()) {
    const bool in_year = std::any_of(years.begin(), years.end(), [&](int y) {
      return event.active_during(year_start(y), year_start(y + 1) - 1);
    });
    if (!in_year) return false;
  }
  if (!domains.empty() && !any_in(event.domains, domains)) return false;
  if (!force_types.empty() && !any_in(event.force_types, force_types)) return false;
  if (!participants.empty() && !any_in(event.participants, participants)) return false;
  if (!kinds.empty() && kinds.count(event.kind) == 0) return false;
  return true;
}

std::string Filter::describe() const {
  std::string out;
  auto add = [&](const char* label, const std::string& values) {
    if (values.empty()) return;
    if (!out.empty()) out += "; ";
    out += label;
    out += ' ';
    out += values;
  };
  auto join = [](const std::set<std::string>& values) {
    std::string s;
    for (const std::string& v : values) s += (s.empty() ? "" : ",") + v;
    return s;
  };
  std::string year_text;
  for (auto it = years.begin(); it != years.end();) {  // runs of consecutive years as a-b
    int first = *it, last = *it;
    for (++it; it != years.end() && *it == last + 1; ++it) last = *it;
    // Appended piece by piece: g++ 12 warns (-Wrestrict, a false positive) on "-" + string.
    if (!year_text.empty()) year_text += ',';
    year_text += std::to_string(first);
    if (last > first) year_text.append("-").append(std::to_string(last));
  }
  add(years.size() == 1 ? "year" : "years", year_text);
  add("domain", join(domains));
  add("force", join(force_types));
  add("participant", join(participants));
  add("kind", join(kinds));
  return out;
}

std::set<int> parse_year_list(const std::string& text) {
  std::set<int> years;
  std::size_t pos = 0;
  auto bad = [&]() { return std::invalid_argument("invalid year list '" + text + "' (expected e.g. 2022,2024 or 2022-2024)"); };
  while (pos <= text.size()) {
    std::size_t comma = text.find(',', pos);
    std::string item = text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    if (item.empty()) throw bad();
    std::size_t dash = item.find('-', 1);
    try {
      std::size_t used = 0;
      int first = std::stoi(item.substr(0, dash), &used);
      if (used != (dash == std::string::npos ? item.size() : dash)) throw bad();
      int last = first;
      if (dash != std::string::npos) {
        std::string tail = item.substr(dash + 1);
        last = std::stoi(tail, &used);
        if (used != tail.size()) throw bad();
      }
      if (first < 1900 || last > 2200 || last < first) throw bad();
      for (int y = first; y <= last; ++y) years.insert(y);
    } catch (const std::invalid_argument&) {
      throw bad();
    } catch (const std::out_of_range&) {
      throw bad();
    }
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  return years;
}

FacetIndex FacetIndex::build(const std::vector<Event>& events) {
  FacetIndex index;
  std::map<std::string, int> domains, kinds, participants, forces;
  int first_year = 0;
  for (const Event& e : events) {
    for (const auto& d : e.domains) ++domains[d];
    if (!e.kind.empty()) ++kinds[e.kind];
    for (const auto& p : e.participants) ++participants[p];
    for (const auto& f : e.force_types) ++forces[f];
    if (e.timed() && (first_year == 0 || year_of(e.start) < first_year)) first_year = year_of(e.start);
  }
  index.domains = order_values(domains, canonical_domains());
  index.kinds = order_values(kinds, canonical_kinds());
  index.participants = order_values(participants, {});
  index.force_types = order_values(forces, canonical_force_types());
  index.first_year = first_year == 0 ? 1970 : first_year;
  // Participant sets, fewest members first, then by their members' places in `participants`.
  std::map<std::vector<std::size_t>, std::string> sets;
  for (const Event& e : events) {
    if (e.participants.empty()) continue;
    std::vector<std::size_t> places;
    for (const auto& p : e.participants)
      places.push_back(std::find(index.participants.begin(), index.participants.end(), p) - index.participants.begin());
    std::sort(places.begin(), places.end());
    places.insert(places.begin(), places.size());
    sets.emplace(places, index.participant_set(e));
  }
  for (auto& [places, set] : sets) index.participant_sets.push_back(std::move(set));
  return index;
}

std::string FacetIndex::participant_set(const Event& event) const {
  std::vector<std::pair<std::size_t, const std::string*>> members;
  for (const auto& p : event.participants)
    members.push_back({static_cast<std::size_t>(std::find(participants.begin(), participants.end(), p) - participants.begin()), &p});
  std::sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : *a.second < *b.second;
  });
  std::string set;
  for (const auto& [place, p] : members) set += (set.empty() ? "" : "+") + *p;
  return set;
}

std::uint32_t FacetIndex::category_bits(const Event& event) const {
  std::uint32_t years = layout::kYearField.mask();  // untimed events belong to every year
  if (event.timed()) {
    years = 0;
    for (int y = year_of(event.start); y <= year_of(event.end); ++y)
      years |= 1u << std::clamp<int>(y - first_year, 0, layout::kYearField.width - 1);
  }
  using namespace layout;
  return bits_of(event.domains, domains, kDomainField.width) << kDomainField.shift |
         bits_of(std::vector<std::string>{event.kind}, kinds, kKindField.width) << kKindField.shift |
         bits_of(event.participants, participants, kParticipantField.width) << kParticipantField.shift |
         years << kYearField.shift;
}

std::uint32_t FacetIndex::force_bits(const Event& event) const {
  return bits_of(event.force_types, force_types, layout::kForceField.width);
}

FacetIndex::Masks FacetIndex::masks(const Filter& filter) const {
  using namespace layout;
  Masks m;
  if (!filter.domains.empty()) m.active |= kDomain, m.domain = bits_of(filter.domains, domains, kDomainField.width);
  if (!filter.kinds.empty()) m.active |= kKind, m.kind = bits_of(filter.kinds, kinds, kKindField.width);
  if (!filter.participants.empty())
    m.active |= kParticipant, m.participant = bits_of(filter.participants, participants, kParticipantField.width);
  if (!filter.force_types.empty())
    m.active |= kForce, m.force = bits_of(filter.force_types, force_types, kForceField.width);
  if (!filter.years.empty()) {
    m.active |= kYear;
    for (int y : filter.years)
      if (y >= first_year) m.year |= 1u << std::min<int>(y - first_year, kYearField.width - 1);
  }
  return m;
}

bool FacetIndex::Masks::shows(std::uint32_t categories, std::uint32_t forces) const {
  using namespace layout;
  auto field = [&](Field f) { return categories >> f.shift & f.mask(); };
  if ((active & kDomain) && !(field(kDomainField) & domain)) return false;
  if ((active & kKind) && !(field(kKindField) & kind)) return false;
  if ((active & kParticipant) && !(field(kParticipantField) & participant)) return false;
  if ((active & kYear) && !(field(kYearField) & year)) return false;
  if ((active & kForce) && !(forces & force)) return false;
  return true;
}

}  // namespace geo
