"""Grading a class: the teacher's side of the course's exercises.

``python -m lessons_src.grade SUBMISSIONS`` (see ``grading.cli``) grades every handed-in notebook
with the course's own checkers (``lessons_src.exercises``), the verdicts a student sees when
running the exercise cell. The student code is untrusted: each answer runs in a process of its
own (``grading.sandbox``), in a scratch copy of its submission, with time, memory and output
limits, no network, no new processes and no writing outside the copy. ``grading.submissions``
finds the answers; ``grading.report`` writes the grades, the teacher's report and each
student's feedback.
"""
