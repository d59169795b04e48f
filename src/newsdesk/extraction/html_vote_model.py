"""Coefficients of the HTML block voter, written by benchmarks/html_vote.py --write (do not edit)."""

# logistic regression on html_vote.FEATURES (raw values; standardisation folded in),
# fitted on the 121 AEB dev pages; a block is kept when its probability is at least 0.5
FEATURES = ('log_chars', 'kind_head', 'kind_list', 'kind_quote', 'kind_table', 'agree', 'short_disagree', 'prose', 'title_head', 'title_like', 'chrome', 'teaser_tail', 'first', 'last', 'inside', 'sentence_end', 'capitals', 'digits', 'neighbour_agree', 'base_readability', 'trusted', 'outside', 'justext_good')
INTERCEPT = -2.085308
WEIGHTS = (
    0.165974,  # log_chars
    -0.492901,  # kind_head
    -0.078810,  # kind_list
    2.294581,  # kind_quote
    1.811254,  # kind_table
    0.204004,  # agree
    -0.139087,  # short_disagree
    0.546969,  # prose
    -0.273565,  # title_head
    -0.211346,  # title_like
    -0.166659,  # chrome
    -0.706543,  # teaser_tail
    -0.293797,  # first
    -0.853623,  # last
    0.344476,  # inside
    0.551250,  # sentence_end
    -0.117496,  # capitals
    -0.477422,  # digits
    0.434409,  # neighbour_agree
    1.149858,  # base_readability
    0.000000,  # trusted
    -0.720756,  # outside
    0.220186,  # justext_good
)
