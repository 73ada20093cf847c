// Checked reading of JSON values for the files people edit (settings, sessions): each value is
// read on its own, and one of the wrong type or outside its range is skipped with a warning
// naming its key while everything else applies. Keys an object holds that the reader was not
// asked for are reported by unknown_keys, so a newer version's keys can be kept.
// The one reader of geo's sessions and the viewer's settings; it names nlohmann-json, so only
// code that links nlohmann-json itself includes it (geo and the viewer).
#pragma once
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <initializer_list>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "filter.hpp"

namespace geo {

class JsonReader {
 public:
  using json = nlohmann::json;
  explicit JsonReader(std::vector<std::string>* warnings) : warnings_(warnings) {}

  // Parses JSON text (a string or a stream), refusing nesting deeper than `max_depth` while
  // parsing, before anything deep is built (nested values are copied and compared
  // recursively, so 10^5 levels would overflow the stack). Throws what nlohmann-json throws,
  // or std::runtime_error("nested deeper than N levels").
  template <class Input>
  static json parse(Input&& input, int max_depth) {
    return json::parse(std::forward<Input>(input), [max_depth](int depth, json::parse_event_t, json&) {
      if (depth > max_depth) throw std::runtime_error("nested deeper than " + std::to_string(max_depth) + " levels");
      return true;
    });
  }

  // The object at `key` of `parent`, or null (with a warning when present but not an object).
  const json* object(const json& parent, const std::string& key, const std::string& path) {
    const auto it = parent.find(key);
    if (it == parent.end() || it->is_null()) return nullptr;
    if (!it->is_object()) return warn(path, "expected an object"), nullptr;
    return &*it;
  }
  void boolean(const json* j, const char* key, const std::string& path, bool& out) {
    if (const json* v = find(j, key)) {
      if (v->is_boolean()) out = v->get<bool>();
      else warn(path + "." + key, "expected true or false");
    }
  }
  template <class T>
  void integer(const json* j, const char* key, const std::string& path, T& out, T lo, T hi) {
    const json* v = find(j, key);
    if (!v) return;
    std::int64_t x = 0;
    if (!exact_integer(*v, x) || x < static_cast<std::int64_t>(lo) || x > static_cast<std::int64_t>(hi))
      return warn(path + "." + key, "expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) + "]");
    out = static_cast<T>(x);
  }
  template <class T>
  void number(const json* j, const char* key, const std::string& path, T& out, double lo, double hi) {
    const json* v = find(j, key);
    if (!v) return;
    const double x = v->is_number() ? v->get<double>() : std::nan("");
    if (!(x >= lo && x <= hi)) return warn(path + "." + key, "expected a number in [" + fmt(lo) + ", " + fmt(hi) + "]");
    out = static_cast<T>(x);
  }
  // Returns whether a string was read into `out`.
  bool string(const json* j, const char* key, const std::string& path, std::string& out, std::size_t max_length) {
    const json* v = find(j, key);
    if (!v) return false;
    if (!v->is_string() || v->get_ref<const std::string&>().size() > max_length)
      return warn(path + "." + key, "expected a string of at most " + std::to_string(max_length) + " bytes"), false;
    out = v->get<std::string>();
    return true;
  }
  // A list of strings (each ≤ 256 bytes, ≤ 1000 of them); all or nothing.
  template <class Container>
  void strings(const json* j, const char* key, const std::string& path, Container& out) {
    const json* v = find(j, key);
    if (!v) return;
    Container values;
    bool ok = v->is_array() && v->size() <= 1000;
    for (std::size_t i = 0; ok && i < v->size(); ++i) {
      ok = (*v)[i].is_string() && (*v)[i].get_ref<const std::string&>().size() <= 256;
      if (ok) values.insert(values.end(), (*v)[i].get<std::string>());
    }
    if (!ok) return warn(path + "." + key, "expected a list of names");
    out = std::move(values);
  }
  void years(const json* j, const char* key, const std::string& path, std::set<int>& out) {
    const json* v = find(j, key);
    if (!v) return;
    std::set<int> values;
    bool ok = v->is_array() && v->size() <= 10000;
    for (std::size_t i = 0; ok && i < v->size(); ++i) {
      std::int64_t y = 0;
      ok = exact_integer((*v)[i], y) && y >= 1 && y <= 9999;
      if (ok) values.insert(static_cast<int>(y));
    }
    if (!ok) return warn(path + "." + key, "expected a list of years in [1, 9999]");
    out = std::move(values);
  }
  // Booleans of one object, each on its own: {{"land", &show.land}, …}.
  void booleans(const json* j, const std::string& path, std::initializer_list<std::pair<const char*, bool*>> keys) {
    for (const auto& [key, out] : keys) boolean(j, key, path, *out);
  }
  // A filter's facets (years, domains, force_types, participants, kinds), each on its own.
  void filter(const json* j, const std::string& path, Filter& out) {
    years(j, "years", path, out.years);
    strings(j, "domains", path, out.domains);
    strings(j, "force_types", path, out.force_types);
    strings(j, "participants", path, out.participants);
    strings(j, "kinds", path, out.kinds);
  }
  // The keys of `j` not in `known`, as (JSON pointer below `pointer`, the value).
  static std::vector<std::pair<std::string, const json*>> unknown_keys(const json& j, const std::string& pointer,
                                                                       std::initializer_list<const char*> known) {
    std::vector<std::pair<std::string, const json*>> out;
    if (!j.is_object()) return out;
    for (auto it = j.begin(); it != j.end(); ++it) {
      bool is_known = false;
      for (const char* k : known) is_known = is_known || it.key() == k;
      if (!is_known) out.emplace_back((json::json_pointer(pointer) / it.key()).to_string(), &it.value());
    }
    return out;
  }
  void warn(const std::string& key, const std::string& what) {
    const std::string name = !key.empty() && key.front() == '.' ? key.substr(1) : key;  // top-level keys
    if (warnings_) warnings_->push_back(name + ": " + what + "; ignored");
  }
  static bool exact_integer(const json& v, std::int64_t& out) {
    if (v.is_number_integer() && !(v.is_number_unsigned() && v.get<std::uint64_t>() > std::uint64_t(INT64_MAX)))
      return out = v.get<std::int64_t>(), true;
    return false;  // floats (1e20, 2.5) are not integers here
  }

 private:
  static const json* find(const json* j, const char* key) {
    if (!j) return nullptr;
    const auto it = j->find(key);
    return it == j->end() || it->is_null() ? nullptr : &*it;
  }
  static std::string fmt(double x) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%g", x);
    return buffer;
  }
  std::vector<std::string>* warnings_;
};

}  // namespace geo
