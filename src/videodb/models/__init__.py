"""ORM models of the video platform, mirroring schema/create_schema.sql.

``Base.metadata`` is the target of Alembic autogenerate and of pgcanon's
ORM-vs-DDL check. Importing this package imports every model.
"""

from videodb.models.base import NAMING_CONVENTION, Base
from videodb.models.job import Job, JobState
from videodb.models.people import FaceDetection, Person, ScenePerson
from videodb.models.scene import Scene
from videodb.models.user import User
from videodb.models.video import Video, VideoMetadata, VideoState

__all__ = [
    "NAMING_CONVENTION",
    "Base",
    "FaceDetection",
    "Job",
    "JobState",
    "Person",
    "Scene",
    "ScenePerson",
    "User",
    "Video",
    "VideoMetadata",
    "VideoState",
]
