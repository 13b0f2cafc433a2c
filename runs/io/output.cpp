#include "runs/io/output.hpp"

#include "runs/io/file_check.hpp"

#include <cstdio>

#include "engine/stream_keys.hpp"
#include "runs/io/checkpoint.hpp"
#include "runs/io/final_state.hpp"
#include "models/examples.hpp"
#include "runs/input/input_error.hpp"
#include "runs/input/point_views.hpp"

namespace hebbmc::runs {

namespace {

void write_parameters(h5::Group& g, const PointParameters& p) {
  for (const auto& [name, value] : describe(p))
    std::visit([&, &name = name](const auto& v) {
      using T = std::decay_t<decltype(v)>;
      if constexpr (std::is_same_v<T, bool>) g.attr(name, static_cast<std::int64_t>(v));
      else g.attr(name, v);
    }, value);
  const engine::StreamKey pk = engine::streams::patterns(p.seed, 0);
  const engine::StreamKey dk = engine::streams::chain(p.seed, static_cast<std::uint64_t>(p.index), 0, 0);
  g.attr("rng_patterns", engine::describe(pk) + " for sample 0; sample s uses sample=s");
  g.attr("rng_dynamics", engine::describe(dk) + " for sample 0, replica 0; (s, r) uses sample=s, replica=r");
  if (p.init == Init::noisy_pattern)
    g.attr("rng_initial_noise", engine::describe(engine::streams::initial_noise(p.seed, 0, 0)) +
                                    " for sample 0, replica 0; (s, r) uses sample=s, replica=r");
  if (p.type != ModelType::storage) {  // learning models: data-set constants (physics.md sec. 1)
    const int M = static_cast<int>(p.M);
    g.attr("R", models::example_R(p.r, M));
    g.attr("rho", models::dataset_entropy(p.r, M));
    g.attr("data_note", "R = r^2 + (1 - r^2)/M, rho = (1 - r^2)/(M r^2) (physics.md sec. 1); examples drawn per "
                        "(sample, archetype mu, example a) from their own streams, independent of the point (docs/learning.md L1)");
    g.attr("rng_examples", engine::describe(engine::streams::example(p.seed, 0, 0, 0)) +
                               " for sample 0, archetype 1, example 1; (s, mu, a) uses sample=s, point=mu, replica=a");
  }
}

void write_observable(h5::Group& summary, const observables::ObservableSummary& o, int samples) {
  h5::Group g = summary.require_group(o.name);
  g.attr("description", o.description);
  g.attr("units", "dimensionless (energy: energy units of H per neuron)");
  if (!o.equation.empty()) g.attr("equation", o.equation);
  const std::vector<hsize_t> w{static_cast<hsize_t>(o.width)};
  const std::vector<hsize_t> sw{static_cast<hsize_t>(samples), static_cast<hsize_t>(o.width)};
  g.write("mean", o.mean, w);
  g.write("error", o.error, w);
  g.write("error_thermal", o.error_thermal, w);
  g.write("error_samples", o.error_samples, w);
  g.write("sample_spread", o.sample_spread, w);
  g.write("tau_int", o.tau_int, w);
  g.write("median", o.median, w);
  g.write("quantile_25", o.quantile_25, w);
  g.write("quantile_75", o.quantile_75, w);
  g.write("per_sample_mean", o.per_sample_mean, sw);
  g.write("per_sample_error", o.per_sample_error, sw);
  g.write("per_sample_tau_int", o.per_sample_tau, sw);
  g.write("plateau_found", o.plateau_found, sw);
  if (o.derived)
    g.attr("error_note", "a function of moment means: mean = f of the disorder-averaged moments; error: "
                         "leave-one-sample-out jackknife (S >= 2), error_thermal: from each sample's binned "
                         "jackknife; per_sample_*: each sample's own estimate; tau_int and plateau_found are NaN "
                         "(see the moments' series m and q) (docs/statistics.md)");
  else
    g.attr("error_note", "error: total error of the disorder average (spread of sample means, S >= 2); "
                         "error_thermal: thermal part; error_samples: sample-to-sample part (docs/statistics.md). "
                         "tau_int in records, max over samples");
}

void write_trajectories(h5::Group& point, const PointResult& r) {
  const auto& p = r.params;
  const hsize_t S = static_cast<hsize_t>(p.samples), R = static_cast<hsize_t>(p.replicas);
  const hsize_t T = static_cast<hsize_t>(r.records.front().records), L = static_cast<hsize_t>(p.record_patterns);
  std::vector<double> m, e, q;
  for (const auto& s : r.records) {
    m.insert(m.end(), s.traj_m.begin(), s.traj_m.end());
    e.insert(e.end(), s.traj_energy.begin(), s.traj_energy.end());
    q.insert(q.end(), s.traj_q.begin(), s.traj_q.end());
  }
  h5::Group g = point.require_group("trajectory");
  g.attr("description", "one record every measure_every sweeps after thermalization");
  g.attr("record_interval_sweeps", p.measure_every);
  g.write("m", m, {S, R, T, L}, {.compress = true});
  g.write("energy", e, {S, R, T}, {.compress = true});
  if (p.replicas >= 2) g.write("q", q, {S, T}, {.compress = true});
  // Extra series (learning models): recorder layout [replica][record][e], E = sum of the widths.
  const observables::SeriesLayout layout = series_layout(p);
  const std::size_t E = static_cast<std::size_t>(observables::extra_series_width(layout));
  std::size_t offset = 0;
  for (const observables::SeriesInfo& x : observables::extra_series(layout)) {
    if (x.of_m) {  // trajectory/m holds it
      offset += static_cast<std::size_t>(x.width);
      continue;
    }
    std::vector<double> v;
    for (const auto& smp : r.records)
      for (std::size_t row = 0; row < R * T; ++row)
        for (int c = 0; c < x.width; ++c) v.push_back(smp.traj_extra[row * E + offset + static_cast<std::size_t>(c)]);
    if (x.width > 1) g.write(x.name, v, {S, R, T, static_cast<hsize_t>(x.width)}, {.compress = true});
    else g.write(x.name, v, {S, R, T}, {.compress = true});
    offset += static_cast<std::size_t>(x.width);
  }
}

}  // namespace

std::string fingerprint_text(const PointParameters& p) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(parameter_fingerprint(p)));
  return buf;
}

bool point_complete(const h5::File& file, const PointParameters& p) {
  const h5::Group root = file.root();
  if (!root.has("points")) return false;
  const h5::Group points = root.open_group("points");
  const std::string name = point_name(p.index);
  if (!points.has(name)) return false;
  const h5::Group g = points.open_group(name);
  return g.has_attr("status") && g.attr_string("status") == "complete" && g.has_attr("parameter_fingerprint") &&
         g.attr_string("parameter_fingerprint") == fingerprint_text(p) && g.has("summary");
}

std::string point_name(int index) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%06d", index);
  return buf;
}

Provenance run_provenance(const RunSpec& spec) {
  return {.kind = "",
          .parameter_file = spec.text,
          .parameter_file_name = spec.file,
          .layout = "see docs/output.md: /points/NNNNNN/{summary,trajectory,theory}, /summary columns"};
}

h5::Group require_point_group(h5::File& file, const PointParameters& p) {
  h5::Group points = file.root().require_group("points");
  const std::string name = point_name(p.index);
  const bool fresh = !points.has(name);
  h5::Group g = points.require_group(name);
  if (fresh) {
    write_parameters(g, p);
    g.attr("status", "pending");
  }
  return g;
}

void write_point(h5::File& file, const PointResult& r) {
  // The parameters were written when the group was made; a resume keeps only groups made from
  // the same parameters (runs/io/run_output.cpp), so they are not written twice.
  h5::Group g = require_point_group(file, r.params);
  h5::Group summary = g.require_group("summary");
  summary.attr("description", "disorder-averaged means and errors of each observable");
  for (const auto& o : r.observables) write_observable(summary, o, r.params.samples);
  summary.write("acceptance", std::vector<double>{r.acceptance}, {});
  if (r.params.trajectories) write_trajectories(g, r);
  write_final_states(g, r.final_states);  // what growing the run continues from (docs/checkpoints.md)
  g.attr("exact_arithmetic", static_cast<std::int64_t>(r.exact_arithmetic));
  g.attr("wall_seconds", r.wall_seconds);
  g.attr("parameter_fingerprint", fingerprint_text(r.params));
  std::string warnings;
  for (const auto& w : r.warnings) warnings += (warnings.empty() ? "" : "\n") + w;
  g.attr("run_length_warnings", warnings.empty() ? std::string("none") : warnings);
  file.flush();
  g.attr("status", "complete");  // only after the data are on disk
  file.flush();
}

std::optional<std::string> other_part(const h5::File& file, const RunSpec& spec) {
  const h5::Group root = file.root();
  const std::string held = root.has_attr("part_points") ? root.attr_string("part_points") : "";
  if (held == spec.part_points) return std::nullopt;
  if (held.empty()) return "holds every point of the sweep, not only --points " + spec.part_points + ": resume it without --points";
  return "holds only the points " + held + " of the sweep (a part, root attribute part_points), not " +
         (spec.part_points.empty() ? std::string("all of them") : spec.part_points) + ": only `hebbmc run --points " +
         held + " --resume` continues it (also with --force), and `hebbmc merge` joins it with the other parts";
}

void require_hebbmc_file(const h5::File& file) { validate_output_file(file); }

h5::File open_hebbmc_file(const std::string& path, bool writable) {
  try {
    h5::File file = h5::File::open(path, writable);
    require_hebbmc_file(file);
    return file;
  } catch (const h5::H5Error& e) {
    if (e.machine_fault()) throw;  // an I/O error of the machine: exit 1, not bad input
    throw InputError(path, 0, "", e.what());
  }
}

}  // namespace hebbmc::runs
