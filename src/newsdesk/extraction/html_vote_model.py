"""Coefficients of the HTML block voter, written by benchmarks/html_vote.py --write (do not edit)."""

# logistic regression on html_vote.FEATURES (raw values; standardisation folded in),
# fitted on the 121 AEB dev pages; a block is kept when its probability is at least 0.5
FEATURES = ('log_chars', 'kind_head', 'kind_list', 'kind_quote', 'kind_table', 'agree', 'short_disagree', 'prose', 'title_head', 'title_like', 'chrome', 'teaser_tail', 'first', 'last', 'inside', 'sentence_end', 'capitals', 'digits', 'neighbour_agree', 'base_readability', 'trusted', 'outside')
INTERCEPT = -1.958871
WEIGHTS = (
    0.169803,  # log_chars
    -0.479216,  # kind_head
    -0.079755,  # kind_list
    2.303874,  # kind_quote
    1.724894,  # kind_table
    0.173623,  # agree
    -0.142362,  # short_disagree
    0.571100,  # prose
    -0.281275,  # title_head
    -0.209895,  # title_like
    -0.188043,  # chrome
    -0.734913,  # teaser_tail
    -0.292311,  # first
    -0.866990,  # last
    0.364661,  # inside
    0.567854,  # sentence_end
    -0.147211,  # capitals
    -0.594820,  # digits
    0.421488,  # neighbour_agree
    1.160735,  # base_readability
    0.000000,  # trusted
    -0.716330,  # outside
)
