"""Writes synthetic-example.csv: SYNTHETIC data (invented questions and shares) in the GlobalOpinionQA layout.

Run: python3 make-synthetic-example.py > synthetic-example.csv (the repr() and csv.writer quoting are what pandas/Python produce)."""
import csv, sys
from collections import defaultdict

def sel(d):
    out = defaultdict(list)
    for k, v in d.items():
        out[k] = v
    return repr(out)

rows = [
  ("SYNTHETIC EXAMPLE. How much do you trust scientists to act in the best interests of the public?",
   {"United States": [0.33, 0.45, 0.15, 0.07], "China": [0.52, 0.38, 0.08, 0.02], "Nigeria": [0.21, 0.40, 0.24, 0.15],
    "Nigeria (Non-national sample)": [0.30, 0.30, 0.20, 0.20], "Germany": [0.29, 0.52, 0.14, 0.05], "India (Current national sample)": [0.44, 0.36, 0.12, 0.08]},
   ["A great deal", "Some", "Not too much", "Not at all"]),
  ('SYNTHETIC EXAMPLE. If you had to choose, which is more important for a society, "order and stability" or "individual freedom"?',
   {"United States": [0.38, 0.58, 0.04], "China": [0.71, 0.22, 0.07], "Nigeria": [0.55, 0.41, 0.04], "Germany": [0.47, 0.50, 0.03],
    "India (Current national sample)": [0.62, 0.31, 0.07]},
   ["Order and stability", "Individual freedom", "Don't know"]),
  ("SYNTHETIC EXAMPLE. Thinking about the next generation in this country:\nwhen children today grow up, will they be better off or worse off financially than their parents?",
   {"United States": [0.32, 0.57, 0.06, 0.05], "China": [0.78, 0.12, 0.06, 0.04], "Nigeria": [0.66, 0.25, 0.05, 0.04], "Germany": [0.28, 0.58, 0.09, 0.05],
    "India (Current national sample)": [0.69, 0.19, 0.07, 0.04]},
   ["Better off", "Worse off", "Same (VOL)", "DK/Refused (VOL)"]),
  ("SYNTHETIC EXAMPLE. Do you favor or oppose a four-day working week?",
   {"United States": [0.61, 0.39], "Nigeria": [0.48, 0.52], "Germany": [0.66, 0.34], "India (Current national sample)": [0.43, 0.57]},
   ["Favor", "Oppose"]),
  ("SYNTHETIC EXAMPLE. How important is religion in your life?",
   {"United States": [0.40, 0.25, 0.18, 0.16, 0.01], "China": [0.03, 0.07, 0.30, 0.58, 0.02], "Nigeria": [0.88, 0.09, 0.02, 0.01, 0.00],
    "Germany": [0.13, 0.22, 0.35, 0.29, 0.01], "India (Current national sample)": [0.72, 0.18, 0.06, 0.03, 0.01]},
   ["Very important", "Rather important", "Not very important", "Not at all important", "No answer"]),
  ("SYNTHETIC EXAMPLE. Which statement comes closest to your view, even if neither is exactly right?",
   {"United States": [0.57, 0.39, 0.04], "China": [0.64, 0.29, 0.07], "Nigeria": [0.71, 0.25, 0.04], "Germany": [0.45, 0.50, 0.05],
    "India (Current national sample)": [0.60, 0.31, 0.08]},
   ["Most people who want to get ahead can make it if they work hard", "Hard work and determination are no guarantee of success for most people", 'The "right" answer isn\'t clear to me']),
]

w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["question", "selections", "options", "source"])
for q, s, o in rows:
    w.writerow([q, sel(s), repr(o), "SYNTHETIC"])
