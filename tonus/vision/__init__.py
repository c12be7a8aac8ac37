"""Vision: safe photo intake, content-addressed photo storage and BlazePose landmark detection.

Client photos are health data. ``intake`` refuses anything that is not a plain, complete photo
and re-encodes what it accepts without any metadata; ``storage`` writes photos atomically and
verifies them on read; ``pose`` finds the 33 BlazePose landmarks of the one person shown.
"""
