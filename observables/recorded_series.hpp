#pragma once
// The series a point records besides m, energy and q (physics.md section 2), in the order the
// sample recorder holds them ("extra" series of observables/sample_recorder.hpp), with the
// description and defining equation that the HDF5 output attaches to each.
#include <string>
#include <vector>

namespace hebbmc::observables {

/// What decides a point's extra series: the model family and the recorded sizes.
struct SeriesLayout {
  bool learning = false;             ///< a learning model (supervised or unsupervised): nbar, losses, examples
  bool diluted = false;              ///< d > 0: the multitasking series
  int patterns = 1;                  ///< L: archetypes recorded (m_1..m_L)
  int examples = 0;                  ///< M: examples per archetype (learning models)
  double retrieval_threshold = 0.1;  ///< |m| above which a pattern counts as retrieved (diluted points)
};

/// One recorded series: its HDF5 name, description, defining equation and number of components.
struct SeriesInfo {
  std::string name;         ///< HDF5 group under summary/ and dataset under trajectory/
  std::string description;  ///< one sentence for the HDF5 attribute
  std::string equation;     ///< where it is defined, e.g. "physics.md sec. 2; docs/learning.md L12"
  int width = 1;            ///< components (consecutive in the recorder's extra series)
  /// A function of m_1..m_L alone: no trajectory of its own (trajectory/m holds it) and no
  /// run-length warning of its own (m's speaks for it).
  bool of_m = false;
};

/// The extra series of a point, in recorder order: for the learning models nbar_1..nbar_L (one
/// series of width L), the example dominance of archetype 1, the losses L^-_1..L^-_L and the
/// example overlaps n_{1,1..M}; then, for diluted patterns, the sorted amplitudes (width L), the
/// retrieved count and the support losses (width L); last, for every point, |m_mu| and m_mu^2 of the
/// L recorded patterns (width L each), whose averages <|m_mu|> and <m_mu^2> mean something at
/// finite N where the signed <m_mu> of a state and its spin-flipped twin averages to zero.
std::vector<SeriesInfo> extra_series(const SeriesLayout& layout);

/// Total width of extra_series(layout): the recorder's E.
int extra_series_width(const SeriesLayout& layout);

}  // namespace hebbmc::observables
