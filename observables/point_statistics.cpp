// Disorder averages of one point (observables/point_statistics.hpp; docs/statistics.md).
#include "observables/point_statistics.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <optional>

#include "observables/disorder_average.hpp"
#include "observables/jackknife.hpp"
#include "observables/run_length.hpp"
#include "observables/sample_quantiles.hpp"

namespace hebbmc::observables {

namespace {

// Appends the quartiles of one component's per-sample values (observables/sample_quantiles.hpp).
void add_quantiles(ObservableSummary& s, const std::vector<double>& per_sample) {
  const QuantileBand band = quantile_band(per_sample);
  s.quantile_25.push_back(band.quantile_25);
  s.median.push_back(band.median);
  s.quantile_75.push_back(band.quantile_75);
}

// Collects component c of an observable from every sample and averages over disorder.
template <class Get>
ObservableSummary summarise(const std::string& name, const std::string& description, int width,
                            const std::vector<SampleRecord>& samples, Get get) {
  ObservableSummary s{name, description, {}, false, width, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}};
  for (int c = 0; c < width; ++c) {
    std::vector<SampleEstimate> est;
    std::vector<double> means;
    double tau = 0;
    for (const auto& r : samples) {
      const BinningAnalysis& a = get(r, c);
      est.push_back({a.mean, a.error});
      means.push_back(a.mean);
      tau = std::max(tau, a.tau_int);
    }
    add_quantiles(s, means);
    const auto avg = disorder_average(est);
    s.mean.push_back(avg.mean);
    s.error.push_back(avg.error);
    s.error_thermal.push_back(avg.error_thermal);
    s.error_samples.push_back(avg.error_samples);
    s.sample_spread.push_back(avg.sample_spread);
    s.tau_int.push_back(tau);
  }
  for (const auto& r : samples)
    for (int c = 0; c < width; ++c) {
      const BinningAnalysis& a = get(r, c);
      s.per_sample_mean.push_back(a.mean);
      s.per_sample_error.push_back(a.error);
      s.per_sample_tau.push_back(a.tau_int);
      s.plateau_found.push_back(a.plateau_found ? 1.0 : 0.0);
    }
  return s;
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// A derived quantity f of the moment means (Binder cumulant, susceptibility): f of the
// disorder-averaged moments with the leave-one-sample-out jackknife error, and every sample's
// own jackknife estimate (observables/jackknife.hpp, docs/statistics.md). Needs >= 2 complete
// bins per sample (i.e. >= 2 records); otherwise nothing is reported.
std::optional<ObservableSummary> summarise_derived(const std::string& name, const std::string& description,
                                                   const std::vector<SampleRecord>& samples,
                                                   const DerivedQuantity& f) {
  std::vector<Jackknife> jks;
  for (const auto& r : samples) {
    if (r.moments.bins() < 2) return std::nullopt;
    jks.push_back(r.moments);
  }
  const auto dj = disorder_jackknife(jks, f);
  ObservableSummary s{name, description, {}, true, 1, {dj.value}, {dj.error}, {dj.error_thermal}, {dj.error_samples},
                      {}, {nan}, {}, {}, {}, {}, {}, {}, {}};
  double sum = 0, sum2 = 0;
  for (const auto& jk : jks) {
    const auto e = jk.estimate(f);
    s.per_sample_mean.push_back(e.value);
    s.per_sample_error.push_back(e.error);
    s.per_sample_tau.push_back(nan);
    s.plateau_found.push_back(nan);
    sum += e.value;
    sum2 += e.value * e.value;
  }
  add_quantiles(s, s.per_sample_mean);
  const double S = static_cast<double>(jks.size());
  s.sample_spread.push_back(S >= 2 ? std::sqrt(std::max(0.0, (sum2 - sum * sum / S) / (S - 1))) : 0.0);
  return s;
}

// Run-length warnings of one observable component over the samples: the worst sample's message.
void check_lengths(const std::string& name, const std::vector<SampleRecord>& samples,
                   const std::function<const BinningAnalysis&(const SampleRecord&)>& get,
                   std::vector<std::string>& warnings) {
  std::optional<RunLengthCheck> worst;
  for (std::size_t i = 0; i < samples.size(); ++i) {
    const BinningAnalysis& a = get(samples[i]);
    if (a.naive_error == 0) continue;  // a frozen observable (e.g. m = 1 at T -> 0) has nothing to converge
    auto c = check_run_length(a, samples[i].records, name + " (sample " + std::to_string(i) + ")");
    if (c.warn && (!worst || c.taus < worst->taus)) worst = std::move(c);
  }
  if (worst) warnings.push_back(worst->message);
}

// The recorded series: m, energy, q (replicas >= 2), then the extra series in recorder order.
void add_series(const std::vector<SampleRecord>& samples, const StatisticsLayout& layout, PointStatistics& out) {
  out.observables.push_back(summarise(
      "m", "Mattis magnetisations m_mu = (1/N) sum_i xi^mu_i sigma_i of patterns 1..L (physics.md sec. 2), "
           "replica-averaged per record, then averaged over disorder samples",
      layout.patterns, samples, [](const SampleRecord& r, int c) -> const BinningAnalysis& { return r.m[c]; }));
  out.observables.push_back(summarise(
      "energy", "energy per neuron H/N (physics.md sec. 3), replica-averaged per record", 1, samples,
      [](const SampleRecord& r, int) -> const BinningAnalysis& { return r.energy; }));
  if (layout.replicas >= 2)
    out.observables.push_back(summarise(
        "q", "replica overlap q = (1/N) sum_i sigma^a_i sigma^b_i averaged over replica pairs a < b (physics.md sec. 2)",
        1, samples, [](const SampleRecord& r, int) -> const BinningAnalysis& { return r.q; }));
  int offset = 0;
  for (const SeriesInfo& e : layout.extras) {
    ObservableSummary s = summarise(e.name, e.description, e.width, samples,
                                    [offset](const SampleRecord& r, int c) -> const BinningAnalysis& { return r.extra[offset + c]; });
    s.equation = e.equation;
    out.observables.push_back(std::move(s));
    offset += e.width;
  }
}

// Binder cumulants and susceptibilities of m_1 and q (moments layout: |m|, m^2, m^4, |q|, q^2, q^4).
void add_derived(const std::vector<SampleRecord>& samples, const StatisticsLayout& layout, PointStatistics& out) {
  const double N = static_cast<double>(layout.N);
  const int q_offset = moments_per_order_parameter;
  const char* over = ", per replica and record, of the disorder-averaged moments; error: jackknife over samples "
                     "(docs/statistics.md)";
  auto add = [&](std::optional<ObservableSummary> s) {
    if (s) out.observables.push_back(std::move(*s));
  };
  add(summarise_derived("binder_m", std::string("Binder cumulant 1 - <m^4>/(3<m^2>^2) of m_1") + over, samples,
                        binder_of_moments(0)));
  add(summarise_derived("chi_m", std::string("susceptibility N(<m^2> - <|m|>^2) of m_1") + over, samples,
                        susceptibility_of_moments(N, 0)));
  if (layout.replicas >= 2) {
    add(summarise_derived("binder_q", std::string("Binder cumulant 1 - <q^4>/(3<q^2>^2) of q") + over, samples,
                          binder_of_moments(q_offset)));
    add(summarise_derived("chi_q", std::string("spin-glass susceptibility N(<q^2> - <|q|>^2)") + over, samples,
                          susceptibility_of_moments(N, q_offset)));
  }
}

// Run-length warnings of every recorded component, in the order of add_series.
void add_warnings(const std::vector<SampleRecord>& samples, const StatisticsLayout& layout, PointStatistics& out) {
  for (int c = 0; c < layout.patterns; ++c)
    check_lengths("m_" + std::to_string(c + 1), samples, [c](const SampleRecord& r) -> const BinningAnalysis& { return r.m[c]; },
                  out.warnings);
  check_lengths("energy", samples, [](const SampleRecord& r) -> const BinningAnalysis& { return r.energy; }, out.warnings);
  if (layout.replicas >= 2)
    check_lengths("q", samples, [](const SampleRecord& r) -> const BinningAnalysis& { return r.q; }, out.warnings);
  int offset = 0;
  for (const SeriesInfo& e : layout.extras)
    for (int c = 0; c < e.width; ++c, ++offset)
      if (!e.of_m)  // m's own check speaks for a function of m
        check_lengths(e.width > 1 ? e.name + "_" + std::to_string(c + 1) : e.name, samples,
                      [offset](const SampleRecord& r) -> const BinningAnalysis& { return r.extra[offset]; }, out.warnings);
}

}  // namespace

PointStatistics point_statistics(const std::vector<SampleRecord>& samples, const StatisticsLayout& layout) {
  PointStatistics out;
  add_series(samples, layout, out);
  add_derived(samples, layout, out);
  add_warnings(samples, layout, out);
  return out;
}

}  // namespace hebbmc::observables
