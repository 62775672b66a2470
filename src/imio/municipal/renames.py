# ruff: noqa: E501
"""Where the previous layout's pickled classes live now, for ``zodbupdate``.

``zodbupdate`` reads this mapping through the ``zodbupdate`` entry point
(``renames``) and rewrites every record that names an old path; the
``legacy`` module keeps the old paths importable until it has run.
"""

RENAMES = {
    "imio.municipal.content.act ISignatory": "imio.municipal.acts.content ISignatory",
    "imio.municipal.content.act IActSchema": "imio.municipal.acts.content IActSchema",
    "imio.municipal.content.act Act": "imio.municipal.acts.content Act",
    "imio.municipal.content.dossier IApplicant": "imio.municipal.dossiers.content IApplicant",
    "imio.municipal.content.dossier IDossierSchema": "imio.municipal.dossiers.content IDossierSchema",
    "imio.municipal.content.dossier Dossier": "imio.municipal.dossiers.content Dossier",
    "imio.municipal.content.folders MunicipalFolder": "imio.municipal.platform.folders MunicipalFolder",
    "imio.municipal.content.folders BusyFolder": "imio.municipal.platform.folders BusyFolder",
    "imio.municipal.content.folders DossierFolder": "imio.municipal.platform.folders DossierFolder",
    "imio.municipal.content.folders ActRegister": "imio.municipal.platform.folders ActRegister",
    "imio.municipal.content.folders PublicationFolder": "imio.municipal.platform.folders PublicationFolder",
    "imio.municipal.content.folders SharedProjectsFolder": "imio.municipal.platform.folders SharedProjectsFolder",
    "imio.municipal.content.folders IStructuralFolderSchema": "imio.municipal.platform.folders IStructuralFolderSchema",
    "imio.municipal.content.municipality IInsCodeField": "imio.municipal.platform.municipality IInsCodeField",
    "imio.municipal.content.municipality InsCodeField": "imio.municipal.platform.municipality InsCodeField",
    "imio.municipal.content.municipality IService": "imio.municipal.platform.municipality IService",
    "imio.municipal.content.municipality IMunicipalitySchema": "imio.municipal.platform.municipality IMunicipalitySchema",
    "imio.municipal.content.municipality Municipality": "imio.municipal.platform.municipality Municipality",
    "imio.municipal.content.municipality InsCodeValidator": "imio.municipal.platform.municipality InsCodeValidator",
    "imio.municipal.content.pic IInvestmentPlanSchema": "imio.municipal.pic.content IInvestmentPlanSchema",
    "imio.municipal.content.pic IInvestmentSchema": "imio.municipal.pic.content IInvestmentSchema",
    "imio.municipal.content.pic InvestmentPlan": "imio.municipal.pic.content InvestmentPlan",
    "imio.municipal.content.pic Investment": "imio.municipal.pic.content Investment",
    "imio.municipal.content.public_version IPublicVersionSchema": "imio.municipal.publication.public_version IPublicVersionSchema",
    "imio.municipal.content.public_version PublicVersion": "imio.municipal.publication.public_version PublicVersion",
    "imio.municipal.content.shared_project IShare": "imio.municipal.projects.content IShare",
    "imio.municipal.content.shared_project IMilestone": "imio.municipal.projects.content IMilestone",
    "imio.municipal.content.shared_project ISharedProjectSchema": "imio.municipal.projects.content ISharedProjectSchema",
    "imio.municipal.content.shared_project LeadValidator": "imio.municipal.projects.content LeadValidator",
    "imio.municipal.content.shared_project SharedProject": "imio.municipal.projects.content SharedProject",
    "imio.municipal.numbering Counter": "imio.municipal.platform.numbering Counter",
    "imio.municipal.queues.catalog_index DossierQueueIndex": "imio.municipal.dossiers.queue.catalog_index DossierQueueIndex",
    "imio.municipal.queues.deadline_queue Entry": "imio.municipal.dossiers.queue.deadline_queue Entry",
    "imio.municipal.queues.deadline_queue Group": "imio.municipal.dossiers.queue.deadline_queue Group",
    "imio.municipal.queues.deadline_queue DeadlineQueue": "imio.municipal.dossiers.queue.deadline_queue DeadlineQueue",
}
