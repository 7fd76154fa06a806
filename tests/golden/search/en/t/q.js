ssckbSearch.terms("en","q",{"forms":{"quality":"qualiti","quotes":"quot"},"postings":{"qat":[11,4],"qatar":[11,4],"qu":[11,4],"qualiti":[3,127,1,80],"quechua":[11,4],"quot":[11,4]}});
