// The inputs every command shares: DATA files (default: the bundled dataset), the coastline,
// and the column overrides for tables of positions. Loads them and reports problems on stderr
// as "patrolscope: FILE: what is wrong".
#pragma once
#include <string>
#include <vector>

#include "coastline.hpp"
#include "load.hpp"
#include "zones.hpp"

namespace CLI {
class App;
}

namespace patrolscope {

struct InputOptions {
  std::vector<std::string> data;  // empty: the bundled dataset
  std::string coastline;          // empty: the bundled Natural Earth 1:50m land
  geo::LoadOptions load;
  bool quiet = false;             // no warnings on stderr
  std::string zones;              // --zones FILE: a zone layer added to the bundled zones
  bool no_zones = false;          // --no-zones: neither the bundled zones nor --zones
  std::vector<std::string> rings;  // --ring [NAME:]LON,LAT,R[,R…] (repeatable): range rings, drawn and analysed as zones
  bool no_borders = false;        // --no-borders: no country borders on the map

  // Adds the positional DATA... and --zones, --no-zones, --ring, --coastline, --id-column, --time-column, --lon-column,
  // --lat-column to a (sub)command.
  void add_to(CLI::App& command, bool with_coastline = true);
};

struct LoadedInputs {
  std::vector<geo::LoadResult> results;  // one per DATA path, in order
  std::vector<geo::Event> events;        // all events of all inputs, in input order
  bool all_ok = true;                    // every input loaded and yielded an event
  const std::vector<const geo::LoadResult*> result_pointers() const;
};

// Prints each input's warnings and errors to stderr (unless quiet).
LoadedInputs load_inputs(const InputOptions& options);

struct LoadedZones {
  std::vector<geo::Zone> zones;  // the bundled zones (assets/zones/), then --zones FILE's, then --ring's
  bool all_ok = true;            // every zone file could be read
};
// The zones the options ask for (none with --no-zones); problems printed as
// "patrolscope: FILE: …", a file's good zones kept when others are bad.
LoadedZones load_zones_or_warn(const InputOptions& options);

// Loads the coastline and (unless --no-borders) the bundled borders; on error prints it and
// returns what could be read (the map still draws).
geo::Coastline load_coastline_or_warn(const InputOptions& options);

// The files the map's basemap is built from (the coastline's, the borders'), for the scene cache key.
std::vector<std::string> basemap_paths(const InputOptions& options);

void print_error(const std::string& file, const std::string& message);  // "patrolscope: FILE: message"

}  // namespace patrolscope
