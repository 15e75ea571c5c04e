# Builds the portal (net10.0, framework-dependent, compiled ahead of time for the build's platform) and runs it on the
# ASP.NET Core runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props PartnerOffice.sln ./
COPY PartnerOffice.Jobs/PartnerOffice.Jobs.csproj PartnerOffice.Jobs/
COPY PartnerOffice.Domain/PartnerOffice.Domain.csproj PartnerOffice.Domain/
COPY PartnerOffice.App/PartnerOffice.App.csproj PartnerOffice.App/
RUN dotnet restore PartnerOffice.App/PartnerOffice.App.csproj --use-current-runtime
COPY PartnerOffice.Jobs/ PartnerOffice.Jobs/
COPY PartnerOffice.Domain/ PartnerOffice.Domain/
COPY PartnerOffice.App/ PartnerOffice.App/
RUN dotnet publish PartnerOffice.App/PartnerOffice.App.csproj -c Release --no-restore --use-current-runtime --self-contained false -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080 \
    PartnerOffice__DataDirectory=/var/lib/partneroffice
VOLUME /var/lib/partneroffice
EXPOSE 8080
# bash, not sh: /dev/tcp is bash's, and the image's sh (dash) has no such path.
HEALTHCHECK --interval=30s --timeout=5s CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && grep -q '200 OK' <&3"]
ENTRYPOINT ["dotnet", "PartnerOffice.App.dll"]
