"""The built-in poses: our own stick-figure coordinates for each stretch and the warm-up.

Design canvas 40 x 24 dots, floor at y = 0. Seen from the side the figure faces
right; seen from the front, its right side is on the left. A stretch done on
each side is drawn for the RIGHT side and mirrored for the LEFT.
"""

from __future__ import annotations

from types import MappingProxyType

from stretchtui.figures.skeleton import Pose

_POSES = (
    Pose(
        name="march-in-place",
        stretch="March in place",
        joints={
            "head": (21, 20.5),
            "neck": (20.5, 17),
            "hips": (20, 10),
            "knee_l": (20, 5),
            "foot_l": (19.5, 0),
            "toe_l": (22, 0),
            "knee_r": (25, 11),
            "foot_r": (25, 5),
            "toe_r": (27.5, 5),
            "elbow_r": (17, 13.5),
            "hand_r": (15.5, 10),
            "elbow_l": (23.5, 14),
            "hand_l": (26.5, 16),
        },
    ),
    Pose(
        name="cat-cow",
        stretch="Cat-Cow Pose",
        joints={
            "head": (30.5, 7),
            "neck": (27, 10),
            "back": (19.5, 14),
            "hips": (12, 10),
            "hand_r": (27, 0),
            "knee_r": (12, 0),
            "foot_r": (3, 0),
        },
        # The other way the back goes: sagging towards the floor (cow).
        dotted=(((27, 10), (19.5, 7.5), (12, 10)),),
    ),
    Pose(
        name="seated-forward-fold",
        stretch="Seated Forward Fold",
        joints={
            "head": (26.5, 9.5),
            "neck": (23, 10),
            "hips": (11, 1),
            "knee_r": (23, 1),
            "foot_r": (34, 1),
            "toe_r": (34.5, 4.5),
            "elbow_r": (28, 6.5),
            "hand_r": (33, 3.5),
        },
    ),
    Pose(
        name="chair-forward-fold",
        stretch="Seated Forward Fold (on a chair)",
        joints={
            "head": (24.5, 11.5),
            "neck": (21, 14),
            "hips": (12, 10),
            "knee_r": (22, 10),
            "foot_r": (23, 0),
            "toe_r": (26, 0),
            "elbow_r": (22.5, 8),
            "hand_r": (23, 3),
        },
        props=(
            ((8, 0), (8, 22)),
            ((8, 9), (20, 9)),
            ((19, 9), (19, 0)),
        ),
    ),
    Pose(
        name="chest-opening-wall",
        stretch="Chest-Opening Wall Stretch",
        joints={
            "head": (27.5, 19.5),
            "neck": (26, 16),
            "hips": (21, 10),
            "knee_r": (20, 5),
            "foot_r": (19.5, 0),
            "toe_r": (22, 0),
            "elbow_r": (31, 16),
            "hand_r": (31, 22),
        },
        wall=32,
    ),
    Pose(
        name="childs-pose-side-reach",
        stretch="Child's Pose with Side Reach",
        joints={
            "head": (27.5, 3.5),
            "neck": (24, 6),
            "back": (17, 10),
            "hips": (10, 6),
            "knee_r": (21, 1),
            "foot_r": (9, 1),
            "elbow_r": (30, 3),
            "hand_r": (38, 1),
        },
    ),
    Pose(
        name="supine-knee-to-chest",
        stretch="Supine Knee-to-Chest",
        joints={
            "head": (4.5, 3),
            "neck": (8, 2),
            "hips": (21, 2),
            "knee_l": (29, 1.5),
            "foot_l": (37, 1),
            "toe_l": (37.5, 4.5),
            "knee_r": (16, 11),
            "foot_r": (23.5, 11.5),
            "elbow_r": (12, 6.5),
            "hand_r": (18, 7),
        },
    ),
    Pose(
        name="standing-torso-twist",
        stretch="Standing Torso Twist",
        joints={
            "head": (19, 20.5),
            "neck": (19.5, 17),
            "shoulder_r": (16.5, 16.5),
            "shoulder_l": (23, 17),
            "hips": (20, 10),
            "hip_r": (18, 10),
            "hip_l": (22, 10),
            "knee_r": (17.5, 5),
            "foot_r": (17, 0),
            "knee_l": (22.5, 5),
            "foot_l": (23, 0),
            "elbow_r": (11.5, 14),
            "hand_r": (8, 15),
            "elbow_l": (18, 14),
            "hand_l": (12, 15),
        },
        # Which way the chest turns: an arrow round the head.
        dotted=(((25, 22), (19.5, 23.5), (14, 22), (16, 20.5)), ((14, 22), (13, 19.5))),
    ),
    Pose(
        name="standing-forward-bend",
        stretch="Standing Forward Bend with Shoulder Opener",
        joints={
            "head": (24, 5),
            "neck": (22.5, 8.5),
            "hips": (16, 14),
            "knee_r": (17.5, 7),
            "foot_r": (17, 0),
            "toe_r": (19.5, 0),
            "hand_r": (25, 20),
        },
    ),
    Pose(
        name="thread-the-needle",
        stretch="Thread the Needle",
        joints={
            "head": (29.5, 2.5),
            "neck": (25, 3),
            "hips": (13, 10),
            "knee_r": (13, 0),
            "foot_r": (4, 0),
            "elbow_l": (30, 7),
            "hand_l": (32, 0),
            "hand_r": (14, 0.5),
        },
    ),
    Pose(
        name="reverse-snow-angel",
        stretch="Reverse Snow Angel",
        joints={
            "head": (31.5, 6),
            "neck": (27.5, 3.5),
            "hips": (14, 2),
            "knee_r": (8, 3),
            "foot_r": (1.5, 5.5),
            "hand_r": (38.5, 8.5),
        },
        # The arms sweep from the hips to overhead and back.
        dotted=(((27, 3), (18, 4.5)),),
    ),
)

POSES: MappingProxyType[str, Pose] = MappingProxyType({pose.name: pose for pose in _POSES})
"""Every built-in pose by its name."""
