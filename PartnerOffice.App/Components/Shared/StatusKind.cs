namespace PartnerOffice.App.Components.Shared;

public enum StatusKind { Error, NotFound, AccessDenied }
