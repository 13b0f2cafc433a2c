// Growing a run to more samples or sweeps (runs/io/run_growth.hpp).
#include "runs/io/run_growth.hpp"

#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "observables/sample_recorder.hpp"
#include "runs/input/point_selection.hpp"
#include "runs/input/point_views.hpp"
#include "runs/input/toml_reader.hpp"
#include "runs/io/final_state.hpp"
#include "runs/io/output.hpp"

namespace hebbmc::runs {

namespace {

// The two keys a growth may raise; every other key must keep its value.
bool growable(const std::string& key) { return key == "samples" || key == "sweeps"; }

// The first key path (other than samples and sweeps, in any table) whose TOML value differs
// between a and b; empty if none. Comments and layout do not count.
std::string first_difference(const toml::table& a, const toml::table& b, const std::string& prefix) {
  for (const auto& [k, node] : a) {
    const std::string key(k.str()), name = prefix + key;
    if (growable(key)) continue;
    const toml::node* other = b.get(k);
    if (!other) return name;
    if (node.is_table() && other->is_table()) {
      if (auto d = first_difference(*node.as_table(), *other->as_table(), name + "."); !d.empty()) return d;
    } else if (toml::node_view<const toml::node>(&node) != toml::node_view<const toml::node>(other)) {
      return name;
    }
  }
  for (const auto& [k, node] : b)
    if (!growable(std::string(k.str())) && !a.get(k)) return prefix + std::string(k.str());
  return "";
}

// "1000 -> 4000" of each distinct (old, new) pair of one key over the grown points.
std::string transitions(const std::set<std::pair<std::int64_t, std::int64_t>>& pairs, const std::string& key) {
  std::string out;
  for (const auto& [a, b] : pairs) {
    if (a == b) continue;
    out += (out.empty() ? key + " " : ", ") + std::to_string(a) + " -> " + std::to_string(b);
  }
  return out;
}

}  // namespace

std::variant<Growth, GrowthRefusal> compare_for_growth(const h5::Group& root, const RunSpec& now) {
  const std::string recorded_text = root.attr_string("parameter_file");
  const std::string recorded_name =
      root.has_attr("parameter_file_name") ? root.attr_string("parameter_file_name") : now.file;
  const auto refuse = [&now](std::string key, const std::string& what) {
    return GrowthRefusal{std::move(key), "was written from a different parameter file than " + now.file + ": " + what +
                                             " (a resume without --force may only raise samples and sweeps, to grow "
                                             "the run); pass --force to resume it with the new parameters (points "
                                             "whose parameters changed are recomputed)"};
  };
  Growth growth;
  try {
    growth.recorded = select_points(parse_run_spec(recorded_text, recorded_name),
                                    now.part_points.empty() ? std::nullopt : std::optional<std::string>(now.part_points));
  } catch (const std::exception& e) {
    return refuse("", std::string("its recorded parameter file no longer parses (") + e.what() + ")");
  }
  const RunSpec& old = growth.recorded;
  if (const std::string key = first_difference(parse_toml(recorded_text, recorded_name), parse_toml(now.text, now.file), "");
      !key.empty())
    return refuse(key.substr(key.rfind('.') + 1), "`" + key + "` differs");  // InputError keys are bare names
  if (old.points.size() != now.points.size())
    return refuse("sweep", "the sweep has " + std::to_string(now.points.size()) + " points, the file's " +
                               std::to_string(old.points.size()));
  std::set<std::pair<std::int64_t, std::int64_t>> sweeps, samples;
  for (std::size_t i = 0; i < now.points.size(); ++i) {
    const PointParameters &a = old.points[i], &b = now.points[i];
    const auto described = describe(a);
    std::map<std::string, ParamValue> before(described.begin(), described.end());
    const auto after = describe(b);
    for (const auto& [name, value] : after) {
      if (growable(name)) continue;
      const auto it = before.find(name);
      if (it == before.end() || !(it->second == value))
        return refuse(name, "`" + name + "` of point " + std::to_string(b.index) + " differs");
      before.erase(it);
    }
    for (const auto& [name, value] : before)
      if (!growable(name)) return refuse(name, "`" + name + "` of point " + std::to_string(b.index) + " differs");
    if (b.sweeps < a.sweeps || b.samples < a.samples) {
      const bool s = b.sweeps < a.sweeps;
      const std::string key = s ? "sweeps" : "samples";
      return refuse(key, "`" + key + "` of point " + std::to_string(b.index) + " is lowered from " +
                             std::to_string(s ? a.sweeps : a.samples) + " to " + std::to_string(s ? b.sweeps : b.samples));
    }
    if (b.sweeps == a.sweeps && b.samples == a.samples) continue;
    growth.points.push_back(i);
    sweeps.insert({a.sweeps, b.sweeps});
    samples.insert({a.samples, b.samples});
  }
  const std::string sw = transitions(sweeps, "sweeps"), sa = transitions(samples, "samples");
  growth.summary = sw + (!sw.empty() && !sa.empty() ? ", " : "") + sa;
  return growth;
}

ChainState grown_state(ChainState s, const PointParameters& from, const PointParameters& to) {
  const int L = from.record_patterns, E = observables::extra_series_width(series_layout(from));
  auto recorder = observables::SampleRecorder::from_state(L, from.replicas, from.sweeps / from.measure_every,
                                                          from.trajectories, s.recorder, E);
  recorder.extend(to.sweeps / to.measure_every);
  s.recorder = recorder.state();
  s.fingerprint = parameter_fingerprint(to);
  return s;
}

void carry_over(const h5::File& file, const Growth& growth, const RunSpec& now, const CheckpointStore& store, bool quiet) {
  int restarted = 0;
  const h5::Group root = file.root();
  for (const std::size_t i : growth.points) {
    const PointParameters &from = growth.recorded.points[i], &to = now.points[i];
    std::optional<std::vector<std::vector<char>>> finals;
    const bool complete = point_complete(file, from);
    if (complete) {
      try {
        finals = read_final_states(root.open_group("points").open_group(point_name(from.index)));
      } catch (const h5::H5Error& e) {
        if (e.machine_fault()) throw;  // an I/O error of the machine, not a damaged dataset
      }
      if (finals && finals->size() != static_cast<std::size_t>(from.samples)) finals.reset();
    }
    for (int s = 0; s < from.samples; ++s) {
      std::optional<ChainState> start;
      if (complete && finals) {
        try {
          ChainState st = deserialize((*finals)[static_cast<std::size_t>(s)]);
          if (st.fingerprint == parameter_fingerprint(from) && st.sample == s && st.finished(from)) start = std::move(st);
        } catch (const std::exception&) {  // counted below: the sample starts again
        }
      } else if (!complete) {
        start = store.load(from, s, nullptr);  // an unfinished point continues from its old checkpoints
      }
      std::optional<ChainState> grown;
      if (start) {
        try {
          grown = grown_state(std::move(*start), from, to);
        } catch (const std::invalid_argument&) {  // a recorder state that does not fit: counted below
        }
      }
      if (grown) store.save(*grown);  // a failed write is a fault (exit 1), not damage of the output
      else if (!store.load(to, s, nullptr)) ++restarted;  // unless an earlier attempt carried it over
    }
  }
  if (quiet) return;
  if (growth.points.empty())
    std::fprintf(stderr, "hebbmc: %s differs from the run's parameter file only in comments or layout\n", now.file.c_str());
  else
    std::fprintf(stderr, "hebbmc: growing %zu point%s: %s\n", growth.points.size(), growth.points.size() == 1 ? "" : "s",
                 growth.summary.c_str());
  if (restarted > 0)
    std::fprintf(stderr, "hebbmc: note: %d old sample%s of the grown points kept no chain state; %s again from the first sweep\n",
                 restarted, restarted == 1 ? "" : "s", restarted == 1 ? "it starts" : "they start");
}

}  // namespace hebbmc::runs
