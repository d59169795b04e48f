"""Coefficients of the HTML block voter, written by benchmarks/html_vote.py --write (do not edit)."""

# logistic regression on html_vote.FEATURES (raw values; standardisation folded in),
# fitted on the 121 AEB dev pages; a block is kept when its probability is at least 0.5
FEATURES = ('log_chars', 'kind_head', 'kind_list', 'kind_quote', 'kind_table', 'agree', 'short_disagree', 'prose', 'title_head', 'title_like', 'chrome', 'teaser_tail', 'first', 'last', 'inside', 'sentence_end', 'capitals', 'digits', 'neighbour_agree', 'base_readability', 'trusted')
INTERCEPT = -2.403922
WEIGHTS = (
    0.156924,  # log_chars
    -0.481611,  # kind_head
    -0.059098,  # kind_list
    2.609277,  # kind_quote
    1.927161,  # kind_table
    0.350439,  # agree
    -0.215494,  # short_disagree
    0.484729,  # prose
    -0.274981,  # title_head
    -0.199907,  # title_like
    -0.116658,  # chrome
    -0.695652,  # teaser_tail
    -0.350628,  # first
    -0.937595,  # last
    0.352215,  # inside
    0.573160,  # sentence_end
    -0.074592,  # capitals
    -0.587215,  # digits
    0.596836,  # neighbour_agree
    1.217923,  # base_readability
    0.000000,  # trusted
)
