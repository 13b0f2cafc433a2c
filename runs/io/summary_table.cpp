// The /summary table of a run file (runs/io/summary_table.hpp).
#include "runs/io/summary_table.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "models/examples.hpp"
#include "runs/io/output.hpp"

namespace hebbmc::runs {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// The result columns of one observable in /summary: OBS_STAT for each statistic, component 1.
struct ResultColumn {
  const char* observable;  ///< name under /points/NNNNNN/summary
  bool learning;           ///< only in tables that hold a learning point, NaN for storage points
};

constexpr ResultColumn result_columns[] = {
    {"m", false}, {"q", false}, {"energy", false}, {"nbar", true}, {"example_dominance", true},
};

/// The statistics of a result column, in the order written: the dataset under summary/OBS/.
constexpr const char* statistics[] = {"mean", "error", "median", "quantile_25", "quantile_75"};
constexpr std::size_t n_statistics = std::size(statistics);

/// Column name OBS_STAT of statistic `k` of observable `col`.
std::string column_name(const ResultColumn& col, std::size_t k) { return std::string(col.observable) + "_" + statistics[k]; }

/// Statistic k of an observable's summary, component 1 (docs/output.md).
double statistic(const observables::ObservableSummary& o, std::size_t k) {
  const std::vector<double>* v[] = {&o.mean, &o.error, &o.median, &o.quantile_25, &o.quantile_75};
  return v[k]->at(0);
}

bool has_learning_point(const RunSpec& spec) {
  return std::any_of(spec.points.begin(), spec.points.end(),
                     [](const PointParameters& p) { return p.type != ModelType::storage; });
}

// Whether column c of point p is filled from its results (learning columns only for learning points).
bool applies(const ResultColumn& c, const PointParameters& p) { return !c.learning || p.type != ModelType::storage; }

// Opens point p's group into `out`; false when the file has none.
bool open_point(const h5::Group& root, const PointParameters& p, std::optional<h5::Group>& out) {
  if (!root.has("points")) return false;
  const h5::Group points = root.open_group("points");
  if (!points.has(point_name(p.index))) return false;
  out.emplace(points.open_group(point_name(p.index)));
  return true;
}

/// What the file holds of one point for its /summary row: the result and theory columns.
struct ResultRow {
  bool complete = false;  ///< status "complete"
  /// stats[c][k]: statistic k of result column c (NaN where the point has none).
  std::vector<std::vector<double>> stats =
      std::vector<std::vector<double>>(std::size(result_columns), std::vector<double>(n_statistics, nan));
  double theory_m = nan, theory_q = nan, theory_energy = nan, theory_nbar = nan;  ///< its theory/ group
};

// Reads point p's row from its group under `root`.
ResultRow read_row(const h5::Group& root, const PointParameters& p) {
  ResultRow row;
  std::optional<h5::Group> g;
  const bool present = open_point(root, p, g);
  row.complete = present && g->has_attr("status") && g->attr_string("status") == "complete";
  const bool summary = row.complete && g->has("summary");
  for (std::size_t c = 0; c < std::size(result_columns); ++c) {
    const ResultColumn& col = result_columns[c];
    const bool has = summary && applies(col, p) && g->open_group("summary").has(col.observable);
    const std::optional<h5::Group> o = has ? std::optional(g->open_group("summary").open_group(col.observable)) : std::nullopt;
    for (std::size_t k = 0; k < n_statistics; ++k)  // files written before the quantiles keep NaN there
      if (o && o->has(statistics[k])) row.stats[c][k] = o->read_doubles(statistics[k]).at(0);
  }
  if (present && g->has("theory")) {
    const h5::Group t = g->open_group("theory");
    row.theory_m = t.read_doubles("m").at(0);
    row.theory_q = t.read_doubles("q").at(0);
    row.theory_energy = t.read_doubles("energy").at(0);
    if (p.type != ModelType::storage && t.has("nbar")) row.theory_nbar = t.read_doubles("nbar").at(0);
  }
  return row;
}

}  // namespace

void write_summary_table(h5::File& file, const RunSpec& spec) {
  h5::Group root = file.root();
  const bool learning = has_learning_point(spec);
  const std::size_t rows = spec.points.size();
  std::vector<std::int64_t> point, N, P, K, complete, M;
  std::vector<double> alpha, d, T, beta, r, rho, R;
  // values[c][k]: statistic k of result column c, one entry per row.
  std::vector<std::vector<std::vector<double>>> values(std::size(result_columns),
                                                       std::vector<std::vector<double>>(n_statistics));
  std::vector<double> theory_m(rows, nan), theory_q(rows, nan), theory_energy(rows, nan), theory_nbar(rows, nan);
  for (std::size_t i = 0; i < rows; ++i) {
    const PointParameters& p = spec.points[i];
    point.push_back(p.index); N.push_back(p.N); P.push_back(p.P); K.push_back(p.K);
    alpha.push_back(p.K_from_alpha ? p.alpha : static_cast<double>(p.K) / std::pow(double(p.N), p.P - 1));
    d.push_back(p.d); T.push_back(p.T); beta.push_back(p.beta);
    const bool ex = p.type != ModelType::storage;
    M.push_back(p.M);
    r.push_back(ex ? p.r : nan);
    rho.push_back(ex ? models::dataset_entropy(p.r, static_cast<int>(p.M)) : nan);
    R.push_back(ex ? models::example_R(p.r, static_cast<int>(p.M)) : nan);
    const ResultRow row = read_row(root, p);
    complete.push_back(row.complete);
    for (std::size_t c = 0; c < std::size(result_columns); ++c)
      for (std::size_t k = 0; k < n_statistics; ++k) values[c][k].push_back(row.stats[c][k]);
    theory_m[i] = row.theory_m;
    theory_q[i] = row.theory_q;
    theory_energy[i] = row.theory_energy;
    theory_nbar[i] = row.theory_nbar;
  }
  h5::Group s = root.require_group("summary");
  std::string swept;
  for (const auto& k : spec.swept_keys) swept += (swept.empty() ? "" : ",") + k;
  s.attr("swept", swept);
  s.attr("description", "one row per point; m is pattern 1; NaN where not computed; alpha = K / N^(P-1) when K is given");
  const std::vector<hsize_t> n{rows};
  s.write("point", point, n); s.write("N", N, n); s.write("P", P, n); s.write("K", K, n);
  s.write("complete", complete, n);
  s.write("alpha", alpha, n); s.write("d", d, n); s.write("T", T, n); s.write("beta", beta, n);
  const auto write_columns = [&](bool learning_columns) {
    for (std::size_t c = 0; c < std::size(result_columns); ++c)
      if (result_columns[c].learning == learning_columns)
        for (std::size_t k = 0; k < n_statistics; ++k) s.write(column_name(result_columns[c], k), values[c][k], n);
  };
  write_columns(false);
  s.write("theory_m", theory_m, n); s.write("theory_q", theory_q, n); s.write("theory_energy", theory_energy, n);
  // Learning columns only when the run has a learning point, so storage files keep their columns.
  if (learning) {
    s.write("M", M, n); s.write("r", r, n); s.write("rho", rho, n); s.write("R", R, n);
    write_columns(true);
    s.write("theory_nbar", theory_nbar, n);
  }
  file.flush();
}

void write_summary_row(h5::File& file, std::size_t row, const PointResult& result) {
  h5::Group s = file.root().open_group("summary");
  const hsize_t i = row;
  for (const ResultColumn& col : result_columns) {
    if (!s.has(column_name(col, 0)) || !applies(col, result.params)) continue;  // storage-only table, or a storage point
    const auto o = std::find_if(result.observables.begin(), result.observables.end(),
                                [&](const observables::ObservableSummary& x) { return x.name == col.observable; });
    if (o == result.observables.end()) continue;  // not recorded: the column keeps its NaN
    for (std::size_t k = 0; k < n_statistics; ++k)
      if (s.has(column_name(col, k))) s.write_element(column_name(col, k), i, statistic(*o, k));
  }
  s.write_element("complete", i, std::int64_t{1});
  file.flush();
}

}  // namespace hebbmc::runs

namespace hebbmc::runs {

void refresh_summary_rows(h5::File& file, const RunSpec& spec, const std::vector<std::size_t>& rows) {
  if (rows.empty()) return;
  const h5::Group root = file.root();
  h5::Group s = root.open_group("summary");
  for (const std::size_t i : rows) {
    const PointParameters& p = spec.points.at(i);
    const ResultRow row = read_row(root, p);
    for (std::size_t c = 0; c < std::size(result_columns); ++c)
      for (std::size_t k = 0; k < n_statistics; ++k)
        if (s.has(column_name(result_columns[c], k))) s.write_element(column_name(result_columns[c], k), i, row.stats[c][k]);
    s.write_element("complete", i, std::int64_t{row.complete});
    s.write_element("theory_m", i, row.theory_m);
    s.write_element("theory_q", i, row.theory_q);
    s.write_element("theory_energy", i, row.theory_energy);
    if (s.has("theory_nbar")) s.write_element("theory_nbar", i, row.theory_nbar);
  }
  file.flush();
}

}  // namespace hebbmc::runs
