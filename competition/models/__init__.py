"""Competition rounds of the Kompetisi Inovasi Pelayanan Publik: stages, entries, the panel, reviews, results.

Lists that change by year (categories, groups, criteria templates) are rows seeded by data migrations. Every
change of an entry's state or stage and of a review's state is appended to a transition table by
`competition.workflow`; score edits after submission are kept in `ScoreChange`.

The models live in three modules (rounds, entries, reviews: one file would pass 500 lines). Django loads an
app's models from `competition.models`, and the migrations and every caller import them from here, so this
module names them all.
"""

from competition.models.awards import TOP_99, Award, AwardLevel
from competition.models.entries import (
    SECTION_LIMITS,
    SECTIONS,
    Entry,
    EntryAttachment,
    EntryState,
    EntryTransition,
    attachment_path,
    section_label,
)
from competition.models.reviews import (
    DeclaredConflict,
    Panelist,
    Review,
    ReviewState,
    ReviewTransition,
    Score,
    ScoreChange,
)
from competition.models.rounds import (
    EVENT_LABELS,
    EVENT_VALUES,
    SCORED_STAGES,
    STAGE_ORDER,
    CompetitionCategory,
    CompetitionGroup,
    Criterion,
    CriterionTemplate,
    PassingGrade,
    Round,
    RoundEvent,
    Stage,
    StageKind,
)

__all__ = [
    "EVENT_LABELS",
    "EVENT_VALUES",
    "SCORED_STAGES",
    "SECTIONS",
    "SECTION_LIMITS",
    "STAGE_ORDER",
    "TOP_99",
    "Award",
    "AwardLevel",
    "CompetitionCategory",
    "CompetitionGroup",
    "Criterion",
    "CriterionTemplate",
    "DeclaredConflict",
    "Entry",
    "EntryAttachment",
    "EntryState",
    "EntryTransition",
    "Panelist",
    "PassingGrade",
    "Review",
    "ReviewState",
    "ReviewTransition",
    "Round",
    "RoundEvent",
    "Score",
    "ScoreChange",
    "Stage",
    "StageKind",
    "attachment_path",
    "section_label",
]
