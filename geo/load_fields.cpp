// Loading, attributes: finding fields by name, reading them as text, lists and numbers, and
// the native schema's names on generic layers.
#include <algorithm>
#include <cctype>
#include <cpl_conv.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "load_internal.hpp"
#include "vocab.hpp"

namespace geo::detail {

std::string feature_label(std::size_t index, std::string_view name) {
  if (name.empty()) return fmt::format("feature {}", index);
  return fmt::format("feature {} ({})", index, name);
}

std::string field_error(std::string_view field, std::string_view why) {
  return fmt::format("field '{}': {}", field, why);
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

int find_field(const OGRFeatureDefn& defn, std::string_view name) {
  for (int i = 0; i < defn.GetFieldCount(); ++i)
    if (iequals(defn.GetFieldDefn(i)->GetNameRef(), name)) return i;
  return -1;
}

int find_field(const OGRFeatureDefn& defn, std::initializer_list<std::string_view> names) {
  for (std::string_view name : names)
    if (int i = find_field(defn, name); i >= 0) return i;
  return -1;
}

std::string column_list(const OGRFeatureDefn& defn) {
  std::string out;
  for (int i = 0; i < defn.GetFieldCount(); ++i) {
    if (i) out += ", ";
    out += defn.GetFieldDefn(i)->GetNameRef();
  }
  return out.empty() ? "none" : out;
}

bool field_present(const OGRFeature& feature, int index) {
  return index >= 0 && feature.IsFieldSetAndNotNull(index);
}

std::string field_text(const OGRFeature& feature, int index) {
  if (!field_present(feature, index)) return "";
  const OGRFieldDefn* defn = feature.GetFieldDefnRef(index);
  if (defn->GetType() == OFTStringList) {
    std::string out;
    for (char** item = feature.GetFieldAsStringList(index); item && *item; ++item) {
      if (!out.empty()) out += ", ";
      out += *item;
    }
    return out;
  }
  return feature.GetFieldAsString(index);
}

std::vector<std::string> split_list(std::string_view text) {
  // A JSON array of strings (as `patrolscope export` writes lists): its items, commas and all.
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    const nlohmann::json parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_array() && std::all_of(parsed.begin(), parsed.end(), [](const auto& v) { return v.is_string(); })) {
      std::vector<std::string> items;
      for (const auto& v : parsed)
        if (!v.template get<std::string>().empty()) items.push_back(v.template get<std::string>());
      return items;
    }
  }
  // A JSON-style list in a text field: ["a","b"] → a, b.
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') text = text.substr(1, text.size() - 2);
  std::vector<std::string> items;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find_first_of(",;", start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view item = text.substr(start, comma - start);
    while (!item.empty() && (std::isspace(static_cast<unsigned char>(item.front())) || item.front() == '"'))
      item.remove_prefix(1);
    while (!item.empty() && (std::isspace(static_cast<unsigned char>(item.back())) || item.back() == '"'))
      item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
    start = comma + 1;
  }
  return items;
}

std::optional<double> field_number(const OGRFeature& feature, int index, std::string& why) {
  const char* name = feature.GetFieldDefnRef(index)->GetNameRef();
  if (!field_present(feature, index)) {
    why = field_error(name, "missing value");
    return std::nullopt;
  }
  const OGRFieldType type = feature.GetFieldDefnRef(index)->GetType();
  if (type == OFTReal || type == OFTInteger || type == OFTInteger64) return feature.GetFieldAsDouble(index);
  const std::string text = feature.GetFieldAsString(index);
  char* end = nullptr;
  const double v = CPLStrtod(text.c_str(), &end);
  while (end && *end == ' ') ++end;
  if (text.empty() || end == text.c_str() || (end && *end != '\0')) {
    why = field_error(name, fmt::format("not a number '{}'", text));
    return std::nullopt;
  }
  return v;
}

GeometryQuality parse_quality(std::string_view text, bool& ok) {
  const std::string q = normalize_term(text);
  ok = true;
  if (q.empty() || q == "exact") return GeometryQuality::Exact;
  if (q == "approximate" || q == "approx") return GeometryQuality::Approximate;
  if (q == "schematic") return GeometryQuality::Schematic;
  ok = false;
  return GeometryQuality::Exact;
}

void read_schema_fields(const OGRFeature& feature, Event& event, const std::vector<int>& skip) {
  const OGRFeatureDefn& defn = *feature.GetDefnRef();
  // A list field (GeoJSON arrays read by GDAL) keeps its items, commas inside them and all.
  auto list = [&](int i, const std::string& text) {
    if (defn.GetFieldDefn(i)->GetType() != OFTStringList) return split_list(text);
    std::vector<std::string> items;
    for (char** item = feature.GetFieldAsStringList(i); item && *item; ++item)
      if (**item) items.emplace_back(*item);
    return items;
  };
  for (int i = 0; i < defn.GetFieldCount(); ++i) {
    if (std::find(skip.begin(), skip.end(), i) != skip.end()) continue;
    const std::string text = field_text(feature, i);
    if (text.empty()) continue;
    const std::string key = normalize_term(defn.GetFieldDefn(i)->GetNameRef());
    if (key == "id") {
      event.id = text;
    } else if (key == "name") {
      event.name = text;
    } else if (key == "kind") {
      event.kind = text;
    } else if (key == "domains" || key == "domain") {
      event.domains = list(i, text);
    } else if (key == "force_types" || key == "force_type" || key == "forcetypes") {
      event.force_types = list(i, text);
    } else if (key == "participants" || key == "participant") {
      event.participants = list(i, text);
    } else if (key == "regions" || key == "region") {
      event.regions = list(i, text);
    } else if (key == "sources" || key == "source") {
      event.sources = list(i, text);
    } else if (key == "notes") {
      event.notes = text;
    } else if (key == "geometry_quality" || key == "geometry_q" || key == "quality") {
      bool ok = true;
      event.quality = parse_quality(text, ok);
      if (!ok) event.attributes["geometry_quality"] = text;
    } else {
      event.attributes[defn.GetFieldDefn(i)->GetNameRef()] = text;
    }
  }
}

}  // namespace geo::detail
